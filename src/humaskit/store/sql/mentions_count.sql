-- How many of the public's mentions were created in [{start}, {end}).
SELECT COUNT(*) AS n
FROM mentions
WHERE created_at >= {start} AND created_at < {end}
    AND COALESCE(author_type, 'citizen') <> 'institution'
