// Answers can come back out of order (a slow refresh after a fast one); only the
// latest request of each kind may write its answer.
export function latestOnly(): () => () => boolean {
  let newest = 0;
  return () => {
    const mine = ++newest;
    return () => mine === newest;
  };
}
