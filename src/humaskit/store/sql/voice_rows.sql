-- How many of the public's mentions created in [{start}, {end}) name at least one handle
-- of view allowed (the public accounts of share of voice).
WITH m AS (
    SELECT
        mentions.mention_id,
        mentions.account || ' ' || COALESCE(mentions.mentioned, '') AS named
    FROM mentions
    JOIN sentiment ON mentions.mention_id = sentiment.mention_id
    WHERE mentions.created_at >= {start} AND mentions.created_at < {end}
        AND COALESCE(mentions.author_type, 'citizen') <> 'institution'
),
p AS (
    SELECT mention_id, NULLIF(lower(regexp_replace(h, '^@+', '')), '') AS handle
    FROM ({split_named}) s
)
SELECT COUNT(DISTINCT p.mention_id) AS n
FROM p
JOIN allowed ON p.handle = allowed.handle
