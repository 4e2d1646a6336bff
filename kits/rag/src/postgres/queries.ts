/**
 * BM25 in SQL, the embedded store's formula (Lucene's idf, k1/b length norm, fields summed):
 *   Σ_field Σ_term repeats · ln(1 + (N − n + 0.5)/(n + 0.5)) · tf / (tf + k1 · (1 − b + b · len/avgLen))
 * with N and avgLen per field from rag_field_stats, n counted from the postings.
 * $1 query terms (with repeats), $2 k1, $3 b, $4 k.
 */
export const bm25Sql = `
WITH q AS (SELECT term, count(*)::float8 AS repeats FROM unnest($1::text[]) AS term GROUP BY term),
s AS (SELECT field, doc_count::float8 AS n_docs, total_length::float8 / doc_count AS avg_len
      FROM rag_field_stats WHERE doc_count > 0),
p AS (SELECT p.term, p.field, p.doc, p.tf, q.repeats, count(*) OVER (PARTITION BY p.term, p.field)::float8 AS n
      FROM rag_postings p JOIN q USING (term))
SELECT c.id, sum(p.repeats * ln(1 + (s.n_docs - p.n + 0.5) / (p.n + 0.5)) * p.tf
  / (p.tf + $2::float8 * (1 - $3::float8 + $3::float8 * c.field_lengths[p.field + 1] / s.avg_len))) AS score
FROM p JOIN s USING (field) JOIN rag_chunks c ON c.doc = p.doc
GROUP BY c.doc
ORDER BY score DESC, c.doc LIMIT $4`;

/**
 * Nearest vectors by cosine distance (pgvector's `<=>`), through the HNSW index: the inner
 * query orders the vector table alone so the planner can use it. $1 vector, $2 k.
 */
export const nearestSql = `
SELECT c.id, 1 - v.distance AS score
FROM (SELECT hash, embedding <=> $1::vector AS distance FROM rag_vectors
      ORDER BY embedding <=> $1::vector LIMIT $2) v
JOIN rag_chunks c USING (hash)
ORDER BY v.distance, c.doc LIMIT $2`;
