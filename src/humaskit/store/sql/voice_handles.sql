-- Each handle addressed (account) or named (mentioned) by the public's mentions created
-- in [{start}, {end}), with how many mentions name it and their stored sentiment labels:
-- humaskit.evaluation.share_of_voice (a mention counts once per handle).
WITH m AS (
    SELECT
        mentions.mention_id,
        sentiment.sentiment,
        mentions.account || ' ' || COALESCE(mentions.mentioned, '') AS named
    FROM mentions
    JOIN sentiment ON mentions.mention_id = sentiment.mention_id
    WHERE mentions.created_at >= {start} AND mentions.created_at < {end}
        AND COALESCE(mentions.author_type, 'citizen') <> 'institution'
),
p AS (
    SELECT DISTINCT mention_id, sentiment,
        NULLIF(lower(regexp_replace(h, '^@+', '')), '') AS handle
    FROM ({split_named}) s
)
SELECT
    handle,
    COUNT(*) AS mentions,
    SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END) AS positive,
    SUM(CASE WHEN sentiment = 'neutral' THEN 1 ELSE 0 END) AS neutral,
    SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END) AS negative
FROM p
WHERE handle IS NOT NULL
GROUP BY handle
ORDER BY handle
