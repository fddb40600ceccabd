-- As leader_texts.sql, with the stored sentiment label of each mention.
SELECT mentions.platform, mentions.author, mentions.text, sentiment.sentiment
FROM mentions
LEFT JOIN sentiment ON mentions.mention_id = sentiment.mention_id
WHERE mentions.created_at >= {start} AND mentions.created_at < {end}
ORDER BY mentions.mention_id
LIMIT {cap}
