-- The public's mentions created in [{start}, {end}) (columns {columns}), every {step}-th
-- by time (all of them when {step} is 1): an even sample over time of a bounded size.
WITH r AS (
    SELECT
        {columns},
        ROW_NUMBER() OVER (ORDER BY created_at, mention_id) AS rn
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
        AND COALESCE(author_type, 'citizen') <> 'institution'
)
SELECT {columns}
FROM r
WHERE MOD(rn - 1, {step}) = 0
ORDER BY rn
