/** Every JavaScript case, by id `W1/rxjs-asyncio/gather`. */
import type { BenchCase } from './common';
import { w1Cases } from './w1-gather';
import { w2Cases } from './w2-create-await';
import { w3Cases } from './w3-bounded';
import { w4Cases } from './w4-queue';
import { w5Cases } from './w5-cancel';

export const jsCases: BenchCase[] = [...w1Cases, ...w2Cases, ...w3Cases, ...w4Cases, ...w5Cases];

export const caseId = (c: { workload: string; impl: string; variant: string }): string =>
  `${c.workload}/${c.impl}/${c.variant}`;
