/**
 * The `.plas` grammar as a chevrotain CstParser. Rule names are the grammar's productions, one to one with the EBNF in
 * docs/language.md. The parser only parses: names are checked later (lower/, validate/). Error recovery is on,
 * so one pass reports several syntax errors.
 */
import { CstParser, type IToken } from 'chevrotain';
import type { FileCstNode } from './cst.generated.ts';
import * as T from './tokens.ts';

export class PlasParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.definition) },
        { ALT: () => this.SUBRULE(this.experiment) },
      ]);
    });
  });

  private importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLiteral);
  });

  /** `model small = mlp(...)`, `metrics diagnostics = dead_units, weight_norm`: named, reusable definitions. */
  private definition = this.RULE('definition', () => {
    this.OR([
      {
        ALT: () => {
          this.OR1([
            { ALT: () => this.CONSUME(T.Data) },
            { ALT: () => this.CONSUME(T.Model) },
            { ALT: () => this.CONSUME(T.Optimizer) },
          ]);
          this.CONSUME(T.Identifier);
          this.CONSUME(T.Equals);
          this.SUBRULE(this.call);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Metrics);
          this.CONSUME1(T.Identifier);
          this.CONSUME1(T.Equals);
          this.SUBRULE(this.metricList);
        },
      },
    ]);
  });

  private experiment = this.RULE('experiment', () => {
    this.CONSUME(T.Experiment);
    this.CONSUME(T.AnyName);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RCurly);
  });

  private statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.dataStmt) },
      { ALT: () => this.SUBRULE(this.modelStmt) },
      { ALT: () => this.SUBRULE(this.optimizerStmt) },
      { ALT: () => this.SUBRULE(this.lossStmt) },
      { ALT: () => this.SUBRULE(this.batchStmt) },
      { ALT: () => this.SUBRULE(this.seedsStmt) },
      { ALT: () => this.SUBRULE(this.streamBlock) },
      { ALT: () => this.SUBRULE(this.armDecl) },
      { ALT: () => this.SUBRULE(this.measureStmt) },
      { ALT: () => this.SUBRULE(this.compareStmt) },
      { ALT: () => this.SUBRULE(this.expectStmt) },
      { ALT: () => this.SUBRULE(this.sweepStmt) },
      { ALT: () => this.SUBRULE(this.quickBlock) },
    ]);
  });

  private dataStmt = this.RULE('dataStmt', () => {
    this.CONSUME(T.Data);
    this.SUBRULE(this.call);
  });

  private modelStmt = this.RULE('modelStmt', () => {
    this.CONSUME(T.Model);
    this.SUBRULE(this.call);
  });

  private optimizerStmt = this.RULE('optimizerStmt', () => {
    this.CONSUME(T.Optimizer);
    this.SUBRULE(this.call);
  });

  private lossStmt = this.RULE('lossStmt', () => {
    this.CONSUME(T.Loss);
    this.CONSUME(T.Identifier);
  });

  private batchStmt = this.RULE('batchStmt', () => {
    this.CONSUME(T.Batch);
    this.SUBRULE(this.signedNumber);
  });

  private seedsStmt = this.RULE('seedsStmt', () => {
    this.CONSUME(T.Seeds);
    this.OR([{ ALT: () => this.SUBRULE(this.signedNumber) }, { ALT: () => this.SUBRULE(this.list) }]);
  });

  private streamBlock = this.RULE('streamBlock', () => {
    this.CONSUME(T.Stream);
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.phaseDecl) }, { ALT: () => this.SUBRULE(this.repeatDecl) }]);
    });
    this.CONSUME(T.RCurly);
  });

  private phaseDecl = this.RULE('phaseDecl', () => {
    this.CONSUME(T.Phase);
    this.CONSUME(T.AnyName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.trainClause);
  });

  private repeatDecl = this.RULE('repeatDecl', () => {
    this.CONSUME(T.Repeat);
    this.SUBRULE(this.amount);
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME(T.AnyName);
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.trainClause);
  });

  private trainClause = this.RULE('trainClause', () => {
    this.CONSUME(T.Train);
    this.CONSUME(T.On);
    this.SUBRULE(this.pipeline);
    this.SUBRULE(this.duration);
  });

  private pipeline = this.RULE('pipeline', () => {
    this.SUBRULE(this.call);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE1(this.call);
    });
  });

  private duration = this.RULE('duration', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.forDuration) }, { ALT: () => this.SUBRULE(this.untilDuration) }]);
  });

  private forDuration = this.RULE('forDuration', () => {
    this.CONSUME(T.For);
    this.SUBRULE(this.amount);
  });

  private untilDuration = this.RULE('untilDuration', () => {
    this.CONSUME(T.Until);
    this.SUBRULE(this.qualifiedName);
    this.OR([{ ALT: () => this.CONSUME(T.GreaterEq) }, { ALT: () => this.CONSUME(T.LessEq) }]);
    this.SUBRULE(this.signedNumber);
    this.CONSUME(T.Max);
    this.SUBRULE(this.amount);
    this.OPTION(() => {
      this.CONSUME(T.Check);
      this.CONSUME(T.Every);
      this.SUBRULE1(this.amount);
    });
  });

  /** A count with its unit: `100 epochs`, `625 steps`, `5 tasks`. */
  private amount = this.RULE('amount', () => {
    this.SUBRULE(this.signedNumber);
    this.CONSUME(T.AnyName);
  });

  private armDecl = this.RULE('armDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Baseline) }, { ALT: () => this.CONSUME(T.Arm) }]);
    this.CONSUME(T.AnyName);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.AT_LEAST_ONE(() => this.SUBRULE(this.triggerClause));
    });
  });

  private triggerClause = this.RULE('triggerClause', () => {
    this.SUBRULE(this.trigger);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.intervention);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE1(this.intervention);
    });
  });

  private trigger = this.RULE('trigger', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.atTrigger) }, { ALT: () => this.SUBRULE(this.everyTrigger) }]);
  });

  /** `at tune`, `at each task`, `at each task of perm`, `at each phase`, `at epoch 20`, `at step 500`. */
  private atTrigger = this.RULE('atTrigger', () => {
    this.CONSUME(T.At);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Each);
          this.CONSUME(T.AnyName);
          this.OPTION(() => {
            this.CONSUME(T.Of);
            this.CONSUME1(T.AnyName);
          });
        },
      },
      {
        ALT: () => {
          // a phase name, or a unit followed by its count (`at epoch 20`)
          this.CONSUME2(T.AnyName);
          this.OPTION1(() => this.SUBRULE(this.signedNumber));
        },
      },
    ]);
  });

  /** `every step`, `every 625 steps`, `every 2 epochs`. */
  private everyTrigger = this.RULE('everyTrigger', () => {
    this.CONSUME(T.Every);
    this.OPTION(() => this.SUBRULE(this.signedNumber));
    this.CONSUME(T.AnyName);
  });

  private intervention = this.RULE('intervention', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.resetIntervention) },
      { ALT: () => this.SUBRULE(this.setIntervention) },
      { ALT: () => this.SUBRULE(this.call) },
    ]);
  });

  /** `reset`, `reset all`, `reset head`, `reset optimizer`, `reset layers[-2..]`, `reset(layers: head, optimizer: true)`. */
  private resetIntervention = this.RULE('resetIntervention', () => {
    this.CONSUME(T.Reset);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.args) },
        { ALT: () => this.SUBRULE(this.layerTarget) },
        { ALT: () => this.CONSUME(T.Optimizer) },
      ]);
    });
  });

  /** `all`, `head`, `layers[-2..]`, `layers[1]`. */
  private layerTarget = this.RULE('layerTarget', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LSquare);
      this.SUBRULE(this.rangeExpr);
      this.CONSUME(T.RSquare);
    });
  });

  private rangeExpr = this.RULE('rangeExpr', () => {
    this.SUBRULE(this.signedNumber);
    this.OPTION(() => {
      this.CONSUME(T.DotDot);
      this.OPTION1(() => this.SUBRULE1(this.signedNumber));
    });
  });

  /** `set lr = 1e-2`. */
  private setIntervention = this.RULE('setIntervention', () => {
    this.CONSUME(T.SetKw);
    this.CONSUME(T.AnyName);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.signedNumber);
  });

  private measureStmt = this.RULE('measureStmt', () => {
    this.CONSUME(T.Measure);
    this.SUBRULE(this.cadence);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.metricList);
  });

  /** `every 1 epoch`, `every task`, `at each phase end`. */
  private cadence = this.RULE('cadence', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.OPTION(() => this.SUBRULE(this.signedNumber));
          this.CONSUME(T.AnyName);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.At);
          this.CONSUME(T.Each);
          this.CONSUME1(T.AnyName);
          this.CONSUME(T.End);
        },
      },
    ]);
  });

  private metricList = this.RULE('metricList', () => {
    this.SUBRULE(this.metricRef);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE1(this.metricRef);
    });
  });

  private metricRef = this.RULE('metricRef', () => {
    this.SUBRULE(this.qualifiedName);
    this.OPTION(() => this.SUBRULE(this.args));
  });

  /** `compare test.accuracy: mean over last 10 epochs of tune, better: higher`. */
  private compareStmt = this.RULE('compareStmt', () => {
    this.CONSUME(T.Compare);
    this.SUBRULE(this.metricRef);
    this.CONSUME(T.Colon);
    this.CONSUME(T.Mean);
    this.CONSUME(T.Over);
    this.CONSUME(T.Last);
    this.SUBRULE(this.amount);
    this.OPTION(() => {
      this.CONSUME(T.Of);
      this.CONSUME(T.AnyName);
    });
    this.OPTION1(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.Better);
      this.CONSUME1(T.Colon);
      this.CONSUME1(T.AnyName);
    });
  });

  /** `expect fresh - warm > 0`, or a trend within one arm: `expect last(backprop) - first(backprop) > 0`. */
  private expectStmt = this.RULE('expectStmt', () => {
    this.CONSUME(T.Expect);
    this.SUBRULE(this.expectSide);
    this.CONSUME(T.Minus);
    this.SUBRULE1(this.expectSide);
    this.OR([{ ALT: () => this.CONSUME(T.Greater) }, { ALT: () => this.CONSUME(T.Less) }]);
    this.SUBRULE(this.signedNumber);
  });

  /** An arm (its compared value), or `first(arm)` / `last(arm)`: its first or last window. */
  private expectSide = this.RULE('expectSide', () => {
    this.CONSUME(T.AnyName);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.CONSUME1(T.AnyName);
      this.CONSUME(T.RParen);
    });
  });

  /** `sweep grid(lr: [1e-3, 1e-4], batch: [16, 128])`, `sweep grid(sp.shrink: [0.2, 0.4])` (an arm's parameter). */
  private sweepStmt = this.RULE('sweepStmt', () => {
    this.CONSUME(T.Sweep);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.sweepAxis);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE1(this.sweepAxis);
    });
    this.CONSUME(T.RParen);
  });

  /** `key: [values]`; the key of an arm's intervention or trigger parameter is dotted: `ARM.PARAM`, `ARM.INTERVENTION.PARAM`. */
  private sweepAxis = this.RULE('sweepAxis', () => {
    this.SUBRULE(this.qualifiedName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.value);
  });

  private quickBlock = this.RULE('quickBlock', () => {
    this.CONSUME(T.Quick);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.quickItem));
    this.CONSUME(T.RCurly);
  });

  private quickItem = this.RULE('quickItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.seedsStmt) },
      { ALT: () => this.SUBRULE(this.batchStmt) },
      { ALT: () => this.SUBRULE(this.quickData) },
      { ALT: () => this.SUBRULE(this.quickPhase) },
      { ALT: () => this.SUBRULE(this.quickRepeat) },
      { ALT: () => this.SUBRULE(this.compareStmt) },
      { ALT: () => this.SUBRULE(this.sweepStmt) },
    ]);
  });

  /** `data (train: 2000, test: 1000)`: sizes only. */
  private quickData = this.RULE('quickData', () => {
    this.CONSUME(T.Data);
    this.SUBRULE(this.args);
  });

  /** `phase tune: for 3 epochs` replaces the duration; `phase pretrain: max 5 epochs` caps an `until`. */
  private quickPhase = this.RULE('quickPhase', () => {
    this.CONSUME(T.Phase);
    this.CONSUME(T.AnyName);
    this.CONSUME(T.Colon);
    this.OR([
      { ALT: () => this.SUBRULE(this.forDuration) },
      {
        ALT: () => {
          this.CONSUME(T.Max);
          this.SUBRULE(this.amount);
        },
      },
    ]);
  });

  /** `repeat 5 tasks`, optionally `as NAME` and `: for 100 steps`. */
  private quickRepeat = this.RULE('quickRepeat', () => {
    this.CONSUME(T.Repeat);
    this.SUBRULE(this.amount);
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME(T.AnyName);
    });
    this.OPTION1(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.forDuration);
    });
  });

  // ---------------------------------------------------------------- calls and values

  /** A named thing with optional arguments: `mnist`, `adam(lr: 1e-3)`, `subset(fraction: 0.5)`. */
  private call = this.RULE('call', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.args));
  });

  private args = this.RULE('args', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.arg);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE1(this.arg);
      });
    });
    this.CONSUME(T.RParen);
  });

  /** `key: value` or a positional `value`. */
  private arg = this.RULE('arg', () => {
    this.OPTION(() => {
      this.CONSUME(T.AnyName);
      this.CONSUME(T.Colon);
    });
    this.SUBRULE(this.value);
  });

  /** A value, or a pipeline of values: `subset(fraction: 0.5) | permute_pixels`. */
  private value = this.RULE('value', () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE1(this.term);
    });
  });

  private term = this.RULE('term', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.numberOrRange) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.nameTerm) },
    ]);
  });

  /** `3`, `-2`, `0..4`, `-2..`. */
  private numberOrRange = this.RULE('numberOrRange', () => {
    this.SUBRULE(this.signedNumber);
    this.OPTION(() => {
      this.CONSUME(T.DotDot);
      this.OPTION1(() => this.SUBRULE1(this.signedNumber));
    });
  });

  /** `relu`, `train.accuracy`, `subset(fraction: 0.5)`, `layers[-2..]`. */
  private nameTerm = this.RULE('nameTerm', () => {
    this.SUBRULE(this.qualifiedName);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.args) },
        {
          ALT: () => {
            this.CONSUME(T.LSquare);
            this.SUBRULE(this.rangeExpr);
            this.CONSUME(T.RSquare);
          },
        },
      ]);
    });
  });

  private list = this.RULE('list', () => {
    this.CONSUME(T.LSquare);
    this.OPTION(() => {
      this.SUBRULE(this.value);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE1(this.value);
      });
    });
    this.CONSUME(T.RSquare);
  });

  private qualifiedName = this.RULE('qualifiedName', () => {
    this.CONSUME(T.AnyName);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME1(T.AnyName);
    });
  });

  private signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.CONSUME(T.NumberLiteral);
  });
}

/** One shared instance: chevrotain parsers are reusable (set `input`, call a rule). */
export const parser = new PlasParser();

export interface CstResult {
  /** Typed by cst.generated.ts (chevrotain's generateCstDts of this grammar: `pnpm --filter @plas/dsl gen:cst`). */
  cst: FileCstNode;
  errors: { message: string; token: IToken; previousToken?: IToken; context?: { ruleStack: string[] } }[];
}

export function parseTokens(tokens: IToken[]): CstResult {
  parser.input = tokens;
  const cst = parser.file() as FileCstNode;
  const errors = parser.errors.map((e) => ({
    message: e.message,
    token: e.token,
    previousToken: (e as { previousToken?: IToken }).previousToken,
    context: e.context,
  }));
  return { cst, errors };
}
