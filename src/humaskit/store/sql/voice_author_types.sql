-- The first author_type given for each author of the mentions created in [{start}, {end})
-- (by time): what tells media and public figures apart in share of voice.
WITH r AS (
    SELECT
        author,
        author_type,
        ROW_NUMBER() OVER (PARTITION BY author ORDER BY created_at, mention_id) AS rn
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
        AND author IS NOT NULL AND author_type IS NOT NULL
)
SELECT author, author_type FROM r WHERE rn = 1
