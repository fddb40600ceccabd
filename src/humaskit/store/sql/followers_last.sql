-- The last post (latest published_at) with a follower count of each account in each of
-- the windows that start at {starts} (ascending) and end at {end}: the follower figures
-- of humaskit.evaluation.kpis need only these rows, never the whole posts table.
WITH w AS (
    SELECT
        platform,
        account,
        published_at,
        followers_at_post,
        {window_case} AS win
    FROM posts
    WHERE published_at >= {first} AND published_at < {end}
        AND followers_at_post IS NOT NULL
),
r AS (
    SELECT
        *,
        ROW_NUMBER() OVER (
            PARTITION BY platform, account, win ORDER BY published_at DESC
        ) AS rn
    FROM w
)
SELECT platform, account, published_at, followers_at_post
FROM r
WHERE rn = 1
