using System.Text.RegularExpressions;

namespace Hologram.Testing.Security;

/// <summary>Rules for providers' published token formats that carry a fixed, distinctive prefix or marker.</summary>
internal static class ProviderPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // Left edge: the token must not continue a longer word.
    private const string Start = "(?<![A-Za-z0-9_-])";

    // Right edge: the token must not run on into more token characters.
    private const string End = "(?![A-Za-z0-9_-])";

    public static IReadOnlyList<SecretRule> BuiltIn { get; } =
    [
        Rule(SecretKind.AnthropicApiKey, Start + "sk-ant-(api|admin|sid)[0-9]{2}-[A-Za-z0-9_-]{80,120}" + End, "sk-ant-"),
        Rule(SecretKind.OpenAiApiKey, Start + "(sk-(proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})" + End, "sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"),
        Rule(SecretKind.HuggingFaceToken, Start + "hf_[A-Za-z0-9]{34,40}" + End, "hf_"),
        Rule(SecretKind.GroqApiKey, Start + "gsk_[A-Za-z0-9]{48,56}" + End, "gsk_"),
        Rule(SecretKind.ReplicateToken, Start + "r8_[A-Za-z0-9]{37}" + End, "r8_"),
        Rule(SecretKind.PerplexityApiKey, Start + "pplx-[A-Za-z0-9]{48}" + End, "pplx-"),
        Rule(SecretKind.XaiApiKey, Start + "xai-[A-Za-z0-9]{70,90}" + End, "xai-"),
        Rule(SecretKind.TelegramBotToken, "((?<![0-9A-Za-z_:-])|(?<=/bot))[0-9]{8,10}:AA[A-Za-z0-9_-]{33}" + End, ":AA"),
        Rule(SecretKind.DiscordWebhook, "discord(app)?\\.com/api/webhooks/[0-9]{17,20}/(?<secret>[A-Za-z0-9_-]{60,80})", "/api/webhooks/"),
        Rule(SecretKind.TeamsWebhook, "\\.webhook\\.office\\.com/webhookb2/(?<secret>[A-Za-z0-9@/_-]{40,})", "webhook.office.com"),
        Rule(SecretKind.SendGridApiKey, Start + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + End, "SG."),
        Rule(SecretKind.MailgunApiKey, Start + "key-[0-9a-f]{32}" + End, "key-"),
        Rule(SecretKind.MailchimpApiKey, "(?<![A-Za-z0-9])[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9])", "-us"),
        Rule(SecretKind.ShopifyToken, Start + "shp(at|ca|pa|ss)_[a-fA-F0-9]{32}" + End, "shpat_", "shpca_", "shppa_", "shpss_"),
        Rule(SecretKind.SquareToken, Start + "(sq0(atp|csp)-[A-Za-z0-9_-]{22,43}|EAAA[A-Za-z0-9_-]{60})" + End, "sq0atp-", "sq0csp-", "EAAA"),
        Rule(SecretKind.PyPiToken, Start + "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}" + End, "pypi-AgEI"),
        Rule(SecretKind.RubyGemsApiKey, Start + "rubygems_[a-f0-9]{48}" + End, "rubygems_"),
        Rule(SecretKind.DockerHubToken, Start + "dckr_(pat|oat)_[A-Za-z0-9_-]{27,40}" + End, "dckr_"),
        Rule(SecretKind.DigitalOceanToken, Start + "do[por]_v1_[a-f0-9]{64}" + End, "dop_v1_", "doo_v1_", "dor_v1_"),
        Rule(SecretKind.HerokuApiKey, Start + "HRKU-[A-Za-z0-9_-]{60}" + End, "HRKU-"),
        Rule(SecretKind.AtlassianApiToken, Start + "ATATT3[A-Za-z0-9_=-]{180,200}" + End, "ATATT3"),
        Rule(SecretKind.BitbucketAppPassword, Start + "ATBB[A-Za-z0-9_=.-]{32}" + End, "ATBB"),
        Rule(SecretKind.LinearApiKey, Start + "lin_(api|oauth)_[A-Za-z0-9]{40}" + End, "lin_api_", "lin_oauth_"),
        Rule(SecretKind.NotionToken, Start + "(ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})" + End, "ntn_", "secret_"),
        Rule(SecretKind.SentryToken, Start + "(sntry[su]_[A-Za-z0-9_=+/-]{40,})", "sntrys_", "sntryu_"),
        Rule(SecretKind.NewRelicKey, Start + "NR(AK|JS|II)-[A-Za-z0-9_-]{19,40}" + End, "NRAK-", "NRJS-", "NRII-"),
        Rule(SecretKind.GrafanaToken, Start + "(glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})" + End, "glc_", "glsa_"),
        Rule(SecretKind.DynatraceToken, Start + "dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}" + End, "dt0c01."),
        Rule(SecretKind.VaultToken, Start + "hv[sbr]\\.[A-Za-z0-9_-]{24,250}" + End, "hvs.", "hvb.", "hvr."),
        Rule(SecretKind.TerraformToken, Start + "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}" + End, ".atlasv1."),
        Rule(SecretKind.DopplerToken, Start + "dp\\.(pt|st|sa|ct|scim|audit)\\.([A-Za-z0-9_-]{1,60}\\.)?[A-Za-z0-9]{40,44}" + End, "dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."),
        Rule(SecretKind.OnePasswordToken, Start + "ops_eyJ[A-Za-z0-9_=+/-]{100,}", "ops_eyJ"),
        Rule(SecretKind.PulumiToken, Start + "pul-[a-f0-9]{40}" + End, "pul-"),
        Rule(SecretKind.PostmanApiKey, Start + "PMAK-[a-f0-9]{24}-[a-f0-9]{34}" + End, "PMAK-"),
        Rule(SecretKind.DatabricksToken, Start + "dapi[a-f0-9]{32}(-[0-9]+)?" + End, "dapi"),
        Rule(SecretKind.AlibabaAccessKey, Start + "LTAI[A-Za-z0-9]{16,24}" + End, "LTAI"),
        Rule(SecretKind.PlanetScaleToken, Start + "pscale_(tkn|pw|oauth)_[A-Za-z0-9_.=-]{32,64}" + End, "pscale_"),
        Rule(SecretKind.SupabaseToken, Start + "sb(p|_secret)_[A-Za-z0-9_-]{28,64}" + End, "sbp_", "sb_secret_"),
        Rule(SecretKind.FlyIoToken, Start + "(fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})", "fo1_", "fm1a_", "fm1r_", "fm2_"),
        Rule(SecretKind.MapboxToken, "(?<![A-Za-z0-9_-])sk\\.eyJ[A-Za-z0-9_-]{30,}\\.[A-Za-z0-9_-]{20,}", "sk.eyJ"),
        Rule(SecretKind.AzureDevOpsPat, "(?<![A-Za-z0-9])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}(?![A-Za-z0-9])", "AZDO"),
        Rule(SecretKind.AzureAdClientSecret, "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])", "Q~"),
        Rule(SecretKind.FirebaseCloudMessagingKey, Start + "AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,180}" + End, ":APA91b"),
        Rule(SecretKind.AgeSecretKey, "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", "AGE-SECRET-KEY-1"),
        Rule(SecretKind.GoogleOAuthToken, Start + "(GOCSPX-[A-Za-z0-9_-]{28}|ya29\\.[A-Za-z0-9_-]{30,}|1//0[A-Za-z0-9_-]{40,})" + End, "GOCSPX-", "ya29.", "1//0"),
        Rule(SecretKind.SonarQubeToken, Start + "sq[upa]_[a-f0-9]{40}" + End, "squ_", "sqp_", "sqa_"),
        Rule(SecretKind.TailscaleKey, Start + "tskey-(auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}CNTRL-[A-Za-z0-9]{16,}" + End, "tskey-"),
        Rule(SecretKind.JFrogToken, Start + "(AKCp[A-Za-z0-9]{60,80}|cmVmdGtuOjAxOj[A-Za-z0-9]{30,})" + End, "AKCp", "cmVmdGtuOjAxOj"),
        Rule(SecretKind.LaunchDarklyKey, Start + "(sdk|mob|api)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + End, "sdk-", "mob-", "api-"),
        Rule(SecretKind.BraintreeToken, Start + "access_token\\$(production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}" + End, "access_token$"),
        Rule(SecretKind.BackblazeKey, "(?<![A-Za-z0-9+/])K00[0-9][A-Za-z0-9+/]{27}(?![A-Za-z0-9+/=])", "K00"),
        Rule(SecretKind.HoneycombKey, Start + "hc[ax][ai]k_[a-z0-9]{50,70}" + End, "hcaik_", "hcxik_", "hcaak_", "hcxak_"),
        Rule(SecretKind.HoneycombKey, "(?<![A-Za-z0-9-])x-honeycomb-team[\"']?\\s*[:=]\\s*[\"']?(?<secret>[A-Za-z0-9]{20,64})", "honeycomb-team"),
        new(SecretKind.DiscordBotToken, new Regex(Start + "[MNO][A-Za-z0-9_-]{22,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}" + End, Options, Timeout), ["discord", "bot"], IsDiscordBotToken, placeholders: false),
        new(SecretKind.PrivateKey, new Regex(Start + "LS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}", Options, Timeout), ["LS0tLS1CRUdJTi"], IsBase64PrivateKey, placeholders: false),
        Rule(SecretKind.PrivateKey, "----[ -]BEGIN SSH2 ENCRYPTED PRIVATE KEY[ -]----(?<secret>[\\s\\S]{20,}?)(?=----[ -]END SSH2)", "BEGIN SSH2"),
        Rule(SecretKind.PrivateKey, "PuTTY-User-Key-File-[0-9]:[^\\r\\n]*[\\s\\S]*?Private-Lines: [0-9]+\\r?\\n(?<secret>([A-Za-z0-9+/=]+\\r?\\n?)+)", "PuTTY-User-Key-File-"),
        Rule(SecretKind.PrivateKey, "<(InverseQ|D)>(?<secret>[A-Za-z0-9+/]{20,}={0,2})</(InverseQ|D)>", "<InverseQ>", "<D>"),
        Rule(SecretKind.PrivateKey, "\"(d|k)\"\\s*:\\s*\"(?<secret>[A-Za-z0-9_-]{22,})\"", "\"d\"", "\"k\""),
    ];

    // The first part of a Discord bot token is the base64 of the bot's numeric id.
    private static bool IsDiscordBotToken(Match match, string value)
    {
        var head = value[..value.IndexOf('.', StringComparison.Ordinal)];
        var padded = head.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (head.Length % 4)) % 4);
        Span<byte> id = stackalloc byte[padded.Length];
        return Convert.TryFromBase64String(padded, id, out var written) && written is >= 17 and <= 20 && id[..written].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    // Base64 of a PEM block (a Kubernetes Secret's tls.key, a kubeconfig's client-key-data): a private key, not a certificate.
    private static bool IsBase64PrivateKey(Match match, string value)
    {
        var prefix = value[..(Math.Min(value.Length, 64) / 4 * 4)];
        Span<byte> decoded = stackalloc byte[prefix.Length];
        return Convert.TryFromBase64String(prefix, decoded, out var written) && decoded[..written].IndexOf("PRIVATE KEY"u8) >= 0;
    }

    private static SecretRule Rule(string kind, string pattern, params string[] triggers) =>
        new(kind, new Regex(pattern, Options, Timeout), triggers, placeholders: false);
}
