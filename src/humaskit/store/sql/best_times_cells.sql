-- Slot statistics of humaskit.scheduling.best_times for the posts published in
-- ({start}, {end}]: each post's engagement rate (reported likes + comments + shares +
-- saves over the first of reach, followers, impressions, views that covers most of its
-- account's posts), its percentile score within its platform and account (ties averaged),
-- then per group ({group_cols}) and UTC hour: posts, sum and sum of squares of the scores.
WITH p AS (
    SELECT
        {group_cols},
        platform AS platform_,
        account AS account_,
        published_at,
        CASE
            WHEN likes IS NULL AND comments IS NULL AND shares IS NULL AND saves IS NULL
                THEN NULL
            ELSE COALESCE(CAST(likes AS DOUBLE), 0.0) + COALESCE(CAST(comments AS DOUBLE), 0.0)
                + COALESCE(CAST(shares AS DOUBLE), 0.0) + COALESCE(CAST(saves AS DOUBLE), 0.0)
        END AS eng,
        CASE WHEN reach > 0 THEN CAST(reach AS DOUBLE) END AS d0,
        CASE WHEN followers_at_post > 0 THEN CAST(followers_at_post AS DOUBLE) END AS d1,
        CASE WHEN impressions > 0 THEN CAST(impressions AS DOUBLE) END AS d2,
        CASE WHEN views > 0 THEN CAST(views AS DOUBLE) END AS d3
    FROM posts
    WHERE published_at > {start} AND published_at <= {end}
),
c AS (
    SELECT
        *,
        COUNT(d0) OVER (PARTITION BY platform_, account_) AS c0,
        COUNT(d1) OVER (PARTITION BY platform_, account_) AS c1,
        COUNT(d2) OVER (PARTITION BY platform_, account_) AS c2,
        COUNT(d3) OVER (PARTITION BY platform_, account_) AS c3
    FROM p
),
r AS (
    SELECT
        *,
        eng / CASE
            WHEN c0 >= c1 AND c0 >= c2 AND c0 >= c3 THEN d0
            WHEN c1 >= c2 AND c1 >= c3 THEN d1
            WHEN c2 >= c3 THEN d2
            ELSE d3
        END AS rate
    FROM c
),
s AS (
    SELECT
        *,
        RANK() OVER (PARTITION BY platform_, account_ ORDER BY rate) AS rk,
        COUNT(*) OVER (PARTITION BY platform_, account_, rate) AS ties,
        COUNT(*) OVER (PARTITION BY platform_, account_) AS n_acc
    FROM r
    WHERE rate IS NOT NULL
),
y AS (
    SELECT
        {group_cols},
        date_trunc('hour', published_at) AS hour_utc,
        100.0 * (rk + (ties - 1) / 2.0 - 0.5) / n_acc AS y
    FROM s
)
SELECT {group_cols}, hour_utc, COUNT(*) AS n, SUM(y) AS sy, SUM(y * y) AS syy
FROM y
GROUP BY {group_cols}, hour_utc
