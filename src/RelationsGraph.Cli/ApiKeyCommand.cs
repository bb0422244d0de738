using System.CommandLine;
using System.Text.RegularExpressions;
using RelationsGraph.Api.Access;

namespace RelationsGraph.Cli;

/// <summary>
/// relationsgraph apikey new --name NAME: a fresh API key, printed once, and the configuration
/// that accepts it, which holds only the key's SHA-256. Nothing is written anywhere.
/// </summary>
public static partial class ApiKeyCommand
{
    public static Command Command()
    {
        var name = new Option<string>("--name") { Description = "What the key is for (\"dashboard\", \"crawler\"): logs and rate limits show it.", Required = true };
        var create = new Command("new", "Print a new random API key (32 bytes, base64url) and the configuration lines with its SHA-256.") { name };
        create.SetAction(parse =>
        {
            var n = parse.GetValue(name)!.Trim();
            if (!KeyName().IsMatch(n))
            {
                Console.Error.WriteLine($"--name must be 1 to 64 letters, digits, '.', '_' or '-'; it was \"{n}\".");
                return 2;
            }
            var key = ApiKeyRing.NewKey();
            var hash = ApiKeyRing.Hash(key);
            Console.WriteLine($"API key '{n}' (shown only now; give it to the client, keep it secret):");
            Console.WriteLine();
            Console.WriteLine($"  {key}");
            Console.WriteLine();
            Console.WriteLine("Accept it by adding its hash to the service's configuration (N = the next free index):");
            Console.WriteLine();
            Console.WriteLine($"  appsettings.json:  \"RelationsGraph\": {{ \"Access\": {{ \"ApiKeys\": [ {{ \"Name\": \"{n}\", \"Sha256\": \"{hash}\" }} ] }} }}");
            Console.WriteLine($"  environment:       RelationsGraph__Access__ApiKeys__N__Name={n} RelationsGraph__Access__ApiKeys__N__Sha256={hash}");
            Console.WriteLine();
            Console.WriteLine("Clients send it as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.");
            return 0;
        });
        return new Command("apikey", "Manage API keys.") { create };
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyName();
}
