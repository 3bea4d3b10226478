// Plan warnings that predict the job fails, not merely that something differs: the
// dialog asks for a confirmation before it runs. Today that is space ("may not fit").
const PREDICTS_FAILURE = /may not fit|not enough (free )?space|no space left/i;

export const predictsFailure = (warning: string) => PREDICTS_FAILURE.test(warning);
