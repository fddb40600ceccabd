-- How many posts were published in ({start}, {end}], and the latest time among them.
SELECT COUNT(*) AS n, MAX(published_at) AS latest
FROM posts
WHERE published_at > {start} AND published_at <= {end}
