-- Response figures of the mentions created in [{start}, {end}) that need an answer
-- (derived/answer, computed once per month by humaskit.evaluation), judged at {now} with
-- an answer limit of {limit} hours; one row per group ({group_by}).
-- Same definitions as humaskit.evaluation.responsiveness (module docstring there).
WITH m AS (
    SELECT
        {group_select}
        (EXTRACT(EPOCH FROM mentions.responded_at) - EXTRACT(EPOCH FROM mentions.created_at))
            / 3600.0 AS hours_raw,
        (EXTRACT(EPOCH FROM {now}) - EXTRACT(EPOCH FROM mentions.created_at)) / 3600.0 AS age,
        (mentions.responded_at IS NOT NULL AND mentions.responded_at <= {now}) AS answered
    FROM mentions
    JOIN answer ON mentions.mention_id = answer.mention_id
    WHERE answer.needs_answer
        AND mentions.created_at >= {start} AND mentions.created_at < {end}
),
t AS (
    SELECT
        *,
        CASE WHEN answered THEN GREATEST(hours_raw, 0.0) END AS hours,
        (NOT answered AND age <= {limit}) AS pending
    FROM m
)
SELECT
    {group_out}
    COUNT(*) AS needing_answer,
    SUM(CASE WHEN NOT pending THEN 1 ELSE 0 END) AS due,
    SUM(CASE WHEN answered THEN 1 ELSE 0 END) AS answered,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_response_hours,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90_response_hours,
    SUM(CASE WHEN answered AND hours <= {limit} THEN 1 ELSE 0 END) AS within_limit,
    SUM(CASE WHEN answered AND hours > {limit} THEN 1 ELSE 0 END) AS late,
    SUM(CASE WHEN NOT pending AND NOT answered THEN 1 ELSE 0 END) AS overdue,
    SUM(CASE WHEN pending THEN 1 ELSE 0 END) AS pending
FROM t
{group_by}
