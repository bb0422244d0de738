using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace RelationsGraph.Api.Access;

/// <summary>Who sent a request: the name of a valid API key, or nobody; <see cref="InvalidKey"/> when a key was sent that matches none.</summary>
public sealed record ApiCaller(string? KeyName, bool InvalidKey)
{
    public static readonly ApiCaller Anonymous = new(null, false);

    public bool HasKey => KeyName is not null;
}

/// <summary>
/// The configured API keys, as SHA-256 hashes. A presented key is hashed and compared with every
/// configured hash in constant time, all of them each time, so neither the comparison nor the
/// number of comparisons tells an attacker how close a guess was.
/// </summary>
public sealed class ApiKeyRing(IOptions<AccessOptions> options)
{
    public const string HeaderName = "X-Api-Key";
    public const string AuthenticationType = "ApiKey";

    /// <summary>Longer values are not keys (ours are 43 characters); they are refused without hashing.</summary>
    private const int MaxKeyLength = 256;

    private readonly (string Name, byte[] Hash)[] keys =
        [.. options.Value.ApiKeys.Select(k => (k.Name, Convert.FromHexString(k.Sha256)))];

    public AccessOptions Options => options.Value;

    /// <summary>The key from <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>, if any.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        var header = request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    public ApiCaller Identify(HttpRequest request) => PresentedKey(request) is { } key ? Match(key) : ApiCaller.Anonymous;

    public ApiCaller Match(string presented)
    {
        if (presented.Length is 0 or > MaxKeyLength) return new ApiCaller(null, true);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        string? match = null;
        foreach (var (name, expected) in keys)
        {
            // no early exit: every configured hash is compared
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) match ??= name;
        }
        return new ApiCaller(match, match is null);
    }

    /// <summary>The hex SHA-256 of a key, as the configuration holds it.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A fresh key: 32 random bytes, base64url without padding.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Who may do what: the rules the endpoints apply to the caller the middleware identified.</summary>
public static class ApiAccess
{
    public const string Unauthenticated = "UNAUTHENTICATED";

    public const string HowToSendAKey = "Send it as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.";

    /// <summary>
    /// Identifies the caller of every request by its API key, before rate limiting (which counts
    /// per key) and the endpoints (which decide). The key itself is kept nowhere: only its name.
    /// </summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var caller = http.RequestServices.GetRequiredService<ApiKeyRing>().Identify(http.Request);
        http.Features.Set(caller);
        if (caller.KeyName is { } name)
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], ApiKeyRing.AuthenticationType));
        await next(http);
    });

    public static ApiCaller Caller(this HttpContext http) => http.Features.Get<ApiCaller>() ?? ApiCaller.Anonymous;

    /// <summary>Why this request may not read, or null when it may: a wrong key is always refused; no key only when reads need one.</summary>
    public static string? ReadRefusal(HttpContext http)
    {
        var caller = http.Caller();
        if (caller.InvalidKey)
            return "The API key sent with this request is not valid. Check it, or ask the operator for one (`relationsgraph apikey new` makes one). " + HowToSendAKey;
        if (!caller.HasKey && http.RequestServices.GetRequiredService<ApiKeyRing>().Options.RequireKeyForReads)
            return "This server answers only requests with an API key. " + HowToSendAKey;
        return null;
    }

    /// <summary>401 goes with a challenge that names the scheme.</summary>
    public static void Challenge(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer";
    }

    public static bool IsAuthenticated(ClaimsPrincipal? user) => user?.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyRing.AuthenticationType };
}

/// <summary>Every mutation needs an API key: refused during validation, so nothing runs and nothing is stored.</summary>
internal sealed class MutationsNeedAnApiKey : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Mutation && !ApiAccess.IsAuthenticated(context.User))
            context.ReportError(new ValidationError("Mutations need an API key. " + ApiAccess.HowToSendAKey) { Code = ApiAccess.Unauthenticated });
        return default;
    }
}
