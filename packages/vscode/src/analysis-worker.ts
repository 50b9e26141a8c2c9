/** The bundled analysis thread's entry (dist/analysis-worker.mjs, beside dist/server.mjs, where the server looks). */
import '@plas/language-server/analysis-worker';
