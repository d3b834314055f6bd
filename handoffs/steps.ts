/** The five workflow steps, in order. The seed calls the last one "Production-ready deployment". */
export const STEPS = ['analyze', 'design', 'secure', 'optimize', 'deploy'] as const;
export type StepName = (typeof STEPS)[number];

export interface StepPolicy {
  /** Only read-only tool calls are allowed while this step is current. */
  readOnly: boolean;
  title: string;
}

export const STEP_POLICY: Record<StepName, StepPolicy> = {
  analyze: { readOnly: true, title: 'Analyze the containerization context' },
  design: { readOnly: false, title: 'Design the container architecture' },
  secure: { readOnly: false, title: 'Implement container security' },
  optimize: { readOnly: false, title: 'Optimize performance and efficiency' },
  deploy: { readOnly: false, title: 'Production-ready deployment' },
};
