-- The weighted arrows of the mention network of the mentions created in [{start}, {end})
-- (humaskit.influencers.network: author -> to_author, else -> the author of the mention
-- replied to, and -> every handle in `mentioned`; one row counts once per target; rows
-- without an author, self-loops and the institution's handles (view inst) left out).
-- Each row's arrows are distinct as made (its first target, then its distinct named
-- handles other than that one), so they are counted without a de-duplication pass; only
-- the mentions some row replies to are looked up.
WITH m AS (
    SELECT mention_id, platform, in_reply_to, mentioned,
        {handle(author)} AS src, {handle(to_author)} AS ta
    FROM mentions
    WHERE created_at >= {start} AND created_at < {end}
),
r AS (
    SELECT mention_id, src
    FROM m
    WHERE src IS NOT NULL AND mention_id IN (
        SELECT in_reply_to FROM m WHERE ta IS NULL AND in_reply_to IS NOT NULL
    )
),
p AS (
    SELECT m.platform, m.src, m.mentioned, COALESCE(m.ta, r.src) AS first_target
    FROM m
    LEFT JOIN r ON m.ta IS NULL AND m.in_reply_to = r.mention_id
    WHERE m.src IS NOT NULL AND m.src NOT IN (SELECT handle FROM inst)
),
t AS (
    SELECT platform, src, first_target AS tgt FROM p WHERE first_target IS NOT NULL
    UNION ALL
    SELECT platform, src, h AS tgt
    FROM ({split_mentioned}) s
    WHERE h <> '' AND (first_target IS NULL OR h <> first_target)
)
SELECT platform, src AS source, tgt AS target, COUNT(*) AS weight
FROM t
WHERE src <> tgt AND tgt NOT IN (SELECT handle FROM inst)
GROUP BY platform, src, tgt
