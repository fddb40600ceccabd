-- KPIs of the posts published in [{start}, {end}), one row per group ({group_by}).
-- Same definitions as humaskit.evaluation.kpis (module docstring there): engagements are
-- the reported parts summed (NULL when a post reports none), ratios are ratios of totals
-- over the posts that report both parts, per-follower rates are means of per-post rates.
-- Views: posts (canonical columns), units (platform, account, unit, institution).
WITH p AS (
    SELECT
        {group_select}
        posts.platform AS platform_,
        posts.account AS account_,
        CAST(reach AS DOUBLE) AS reach,
        CAST(impressions AS DOUBLE) AS impressions,
        CAST(views AS DOUBLE) AS views,
        CAST(likes AS DOUBLE) AS likes,
        CAST(comments AS DOUBLE) AS comments,
        CAST(shares AS DOUBLE) AS shares,
        CAST(saves AS DOUBLE) AS saves,
        CAST(clicks AS DOUBLE) AS clicks,
        CAST(video_views AS DOUBLE) AS video_views,
        CAST(watch_time_s AS DOUBLE) AS watch_time_s,
        CAST(followers_at_post AS DOUBLE) AS fol,
        CAST(avg_view_pct AS DOUBLE) AS avp
    FROM posts
    {units_join}
    WHERE published_at >= {start} AND published_at < {end}
),
e AS (
    SELECT
        *,
        CASE
            WHEN likes IS NULL AND comments IS NULL AND shares IS NULL AND saves IS NULL
                THEN NULL
            ELSE COALESCE(likes, 0) + COALESCE(comments, 0) + COALESCE(shares, 0)
                + COALESCE(saves, 0)
        END AS eng,
        COALESCE(impressions, views) AS imp,
        CASE WHEN COALESCE(views, video_views) > 0 THEN COALESCE(views, video_views) END AS okv,
        CASE WHEN fol > 0 THEN fol END AS okf
    FROM p
),
g AS (
    SELECT
        {group_keys}
        COUNT(*) AS posts,
        COUNT(DISTINCT platform_ || '|' || account_) AS accounts,
        SUM(reach) AS reach,
        SUM(impressions) AS impressions,
        SUM(views) AS views,
        SUM(eng) AS engagements,
        SUM(likes) AS likes,
        SUM(comments) AS comments,
        SUM(shares) AS shares,
        SUM(saves) AS saves,
        SUM(clicks) AS clicks,
        SUM(video_views) AS video_views,
        SUM(watch_time_s) AS watch_time_s,
        SUM(CASE WHEN reach IS NOT NULL THEN eng END) AS reach_num,
        SUM(CASE WHEN eng IS NOT NULL THEN reach END) AS reach_den,
        SUM(CASE WHEN imp IS NOT NULL THEN eng END) AS imp_num,
        SUM(CASE WHEN eng IS NOT NULL THEN imp END) AS imp_den,
        SUM(CASE WHEN fol IS NOT NULL THEN eng END) AS fol_num,
        SUM(CASE WHEN eng IS NOT NULL THEN fol END) AS fol_den,
        SUM(likes / okf) AS applause_num,
        COUNT(likes / okf) AS applause_den,
        SUM(comments / okf) AS conversation_num,
        COUNT(comments / okf) AS conversation_den,
        SUM(shares / okf) AS amplification_num,
        COUNT(shares / okf) AS amplification_den,
        SUM(CASE WHEN avp IS NOT NULL THEN avp * okv END) AS avp_num,
        SUM(CASE WHEN avp IS NOT NULL THEN okv END) AS avp_den,
        SUM(CASE WHEN okv IS NOT NULL THEN watch_time_s END) AS wtv_num,
        SUM(CASE WHEN watch_time_s IS NOT NULL THEN okv END) AS wtv_den
    FROM e
    {group_by}
)
SELECT
    {group_out}
    posts,
    accounts,
    reach,
    impressions,
    views,
    engagements,
    likes,
    comments,
    shares,
    saves,
    clicks,
    video_views,
    watch_time_s,
    CASE WHEN reach_den > 0 THEN reach_num / reach_den END AS er_by_reach,
    CASE WHEN imp_den > 0 THEN imp_num / imp_den END AS er_by_impressions,
    CASE WHEN fol_den > 0 THEN fol_num / fol_den END AS er_by_followers,
    CASE WHEN applause_den > 0 THEN applause_num / applause_den END AS applause_rate,
    CASE WHEN conversation_den > 0 THEN conversation_num / conversation_den END
        AS conversation_rate,
    CASE WHEN amplification_den > 0 THEN amplification_num / amplification_den END
        AS amplification_rate,
    CASE WHEN avp_den > 0 THEN avp_num / avp_den END AS avg_view_pct,
    CASE WHEN wtv_den > 0 THEN wtv_num / wtv_den END AS watch_time_per_view_s
FROM g
