namespace RelationsGraph.Api.Access;

/// <summary>Who may call the API. Section <c>RelationsGraph:Access</c>.</summary>
public sealed class AccessOptions
{
    /// <summary>The accepted keys, by their SHA-256 only: the keys themselves are never configured or stored.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>When true, reads (GraphQL queries, GET /export) need a key as well; mutations always do.</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Why the configured keys cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        foreach (var (key, i) in ApiKeys.Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(key.Name))
                return $"RelationsGraph:Access:ApiKeys:{i}:Name is empty: give each key a name (it is what logs and rate limits show).";
            if (key.Sha256 is not { Length: 64 } || !key.Sha256.All(char.IsAsciiHexDigit))
                return $"RelationsGraph:Access:ApiKeys:{i}:Sha256 (key '{key.Name}') must be the 64 hex digits of the key's SHA-256; `relationsgraph apikey new --name NAME` prints one.";
        }
        var duplicate = ApiKeys.GroupBy(k => k.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"RelationsGraph:Access:ApiKeys names the key '{duplicate.Key}' more than once; names must be unique.";
    }
}

/// <summary>An accepted API key: a name for logs and rate limits, and the hex SHA-256 of the key.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Sha256 { get; set; } = "";
}

/// <summary>Refuses to start with keys that cannot be used, saying which and why.</summary>
internal sealed class AccessOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<AccessOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, AccessOptions options) =>
        options.Problem() is { } problem ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problem) : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
