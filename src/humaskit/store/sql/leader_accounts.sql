-- The institution's accounts addressed by the mentions created in [{start}, {end}).
SELECT DISTINCT account
FROM mentions
WHERE created_at >= {start} AND created_at < {end} AND account IS NOT NULL
