-- As leader_texts.sql, with the stored sentiment label of each mention (the sample is
-- taken first, then joined).
WITH s AS (
    SELECT mention_id, platform, author, text
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
    ORDER BY mention_id
    LIMIT {cap}
)
SELECT s.platform, s.author, s.text, sentiment.sentiment
FROM s
LEFT JOIN sentiment ON s.mention_id = sentiment.mention_id
ORDER BY s.mention_id
