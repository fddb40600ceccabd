-- The platforms of the posts (every month asked for).
SELECT DISTINCT platform FROM posts WHERE platform IS NOT NULL
