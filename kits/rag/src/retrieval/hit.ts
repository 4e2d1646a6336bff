/** One ranked result: a document (or chunk) id and its score, higher is better. */
export interface Hit {
  id: string;
  score: number;
}
