using System.Net;
using System.Net.Sockets;

namespace CoBuild.Web.Infrastructure.Limits;

internal static class ClientAddress
{
    /// <summary>
    /// The caller's address as a limit key: IPv4 as is, IPv6 by its /64 (one subscriber gets a whole /64, so counting
    /// single IPv6 addresses would let one client rotate through them).
    /// </summary>
    public static string Of(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "none";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(ip)) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
