/**
 * tfjs-core alone registers no gradient functions (the full @tensorflow/tfjs bundle does it for you): import them
 * once here; every module that differentiates imports this file for its side effect.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
