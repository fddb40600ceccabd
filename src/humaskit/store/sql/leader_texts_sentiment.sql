-- As leader_texts.sql, with the stored sentiment label of each mention (the sample is
-- taken first, then joined).
WITH ids AS (
    SELECT mention_id
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
    ORDER BY mention_id
    LIMIT {cap}
)
SELECT mentions.platform, mentions.author, mentions.text, sentiment.sentiment
FROM mentions
JOIN ids ON mentions.mention_id = ids.mention_id
LEFT JOIN sentiment ON mentions.mention_id = sentiment.mention_id
WHERE mentions.created_at >= {start} AND mentions.created_at < {end}
ORDER BY mentions.mention_id
