using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>
/// Which addresses the fetcher may connect to: public ones, and loopback, link-local or private ones
/// only when a setting allows them, so that a submitted URL cannot make the service reach inside its
/// own network. Checked on the resolved address at connect time, so a name that resolves to a private
/// address (DNS rebinding included) is refused as well as a literal one.
/// </summary>
public sealed class AddressPolicy
{
    private readonly IReadOnlyList<IPNetwork> allowed;

    public AddressPolicy(IEnumerable<string> allowedPrivate)
    {
        var nets = new List<IPNetwork>();
        foreach (var a in allowedPrivate)
        {
            var s = a.Trim();
            if (s.Length == 0) continue;
            if (IPNetwork.TryParse(s, out var net)) nets.Add(net);
            else if (IPAddress.TryParse(s, out var ip)) nets.Add(new IPNetwork(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            else throw new ArgumentException($"RelationsGraph:Fetch:AllowedPrivateAddresses: '{a}' is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
        }
        allowed = nets;
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return !IsInternal(address) || allowed.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }

    /// <summary>Loopback, link-local, private, shared (CGNAT), multicast, unspecified or reserved: not a public internet address.</summary>
    public static bool IsInternal(IPAddress a)
    {
        if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
        if (IPAddress.IsLoopback(a)) return true;
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
                || b[0] == 100 && (b[1] & 0xC0) == 64      // 100.64.0.0/10 shared address space
                || b[0] == 169 && b[1] == 254              // link-local (cloud metadata lives here)
                || b[0] == 172 && (b[1] & 0xF0) == 16      // 172.16.0.0/12
                || b[0] == 192 && b[1] == 168              // 192.168.0.0/16
                || b[0] == 192 && b[1] == 0 && b[2] == 0   // 192.0.0.0/24 protocol assignments
                || b[0] == 198 && (b[1] & 0xFE) == 18;     // 198.18.0.0/15 benchmarking
        }
        if (a.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (a.Equals(IPAddress.IPv6None) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6UniqueLocal || a.IsIPv6Multicast) return true;
            var b = a.GetAddressBytes();
            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one
            if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return IsInternal(new IPAddress(b[12..16]));
            if (b[0] == 0x20 && b[1] == 0x02) return IsInternal(new IPAddress(b[2..6]));
            return false;
        }
        return true;
    }

    /// <summary>
    /// The connect step of the HTTP handler: resolves the host, keeps the allowed addresses and connects
    /// to one of them; refuses when none is allowed.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var usable = addresses.Where(IsAllowed).ToArray();
        if (usable.Length == 0) throw new ForbiddenAddressException(host, addresses);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A host that resolves only to addresses the service may not reach.</summary>
public sealed class ForbiddenAddressException(string host, IReadOnlyList<IPAddress> addresses)
    : Exception($"'{host}' resolves to {(addresses.Count == 0 ? "no address" : string.Join(", ", addresses))}: loopback, link-local and private addresses are not fetched. To allow one, add it to RelationsGraph:Fetch:AllowedPrivateAddresses.")
{
    public string Host { get; } = host;
}
