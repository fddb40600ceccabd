-- Sentiment counts of the public's mentions (authors other than the institution) created
-- in [{start}, {end}), per step of local time (UTC + {offset} hours, truncated to {unit})
-- and group; labels from derived/sentiment (scored once per month by humaskit.evaluation).
SELECT
    date_trunc('{unit}', CAST(mentions.created_at AS TIMESTAMP) + INTERVAL '{offset}' HOUR)
        AS date,
    {group_select}
    COUNT(*) AS mentions,
    SUM(CASE WHEN sentiment.sentiment = 'positive' THEN 1 ELSE 0 END) AS positive,
    SUM(CASE WHEN sentiment.sentiment = 'neutral' THEN 1 ELSE 0 END) AS neutral,
    SUM(CASE WHEN sentiment.sentiment = 'negative' THEN 1 ELSE 0 END) AS negative
FROM mentions
JOIN sentiment ON mentions.mention_id = sentiment.mention_id
WHERE mentions.created_at >= {start} AND mentions.created_at < {end}
    AND COALESCE(mentions.author_type, 'citizen') <> 'institution'
GROUP BY 1 {group_more}
