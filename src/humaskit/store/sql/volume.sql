-- Number of the public's mentions (authors other than the institution) created in
-- [{start}, {end}), per step of local time (UTC + {offset} hours, truncated to {unit})
-- and group: humaskit.evaluation.volume.
SELECT
    date_trunc('{unit}', CAST(created_at AS TIMESTAMP) + INTERVAL '{offset}' HOUR) AS date,
    {group_select}
    COUNT(*) AS mentions
FROM mentions
WHERE created_at >= {start} AND created_at < {end}
    AND COALESCE(author_type, 'citizen') <> 'institution'
GROUP BY 1 {group_more}
