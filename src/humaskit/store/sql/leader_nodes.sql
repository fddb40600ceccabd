-- What each author of the mentions created in [{start}, {end}) wrote: rows, highest
-- follower count, author type (the first non-empty one), earliest account creation.
SELECT
    platform,
    {handle(author)} AS handle,
    COUNT(*) AS written,
    MAX(author_followers) AS followers,
    MIN(author_type) AS author_type,
    MIN(author_created_at) AS author_created_at
FROM mentions
WHERE created_at >= {start} AND created_at < {end}
GROUP BY 1, 2
