/** An exercise id is a folder name of playground/exercises: checked before it reaches a path or a key. */
export const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isExerciseId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 64 && EXERCISE_ID.test(id);
}
