using System.Text.Json.Serialization;
using CoBuild.Web.Features.Auctions;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace CoBuild.Web.Infrastructure;

/// <summary>
/// SignalR and the keys that sign cookies and tokens. With <c>Redis:Configuration</c> set, both go through Redis so
/// that app nodes behind a load balancer act as one; without it (one node, the default) keys stay in the data folder.
/// </summary>
internal static class LiveSetup
{
    public static IServiceCollection AddAppLive(this IServiceCollection services, IConfiguration config, string dataDir)
    {
        var signalR = services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var keys = services.AddDataProtection().SetApplicationName("CoBuild");
        if (config["Redis:Configuration"] is { Length: > 0 } redis)
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // a node starts while Redis restarts, and reconnects on its own
            var connection = ConnectionMultiplexer.Connect(options);
            services.AddSingleton<IConnectionMultiplexer>(connection);
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal("cobuild");
                o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(connection);
            });
            keys.PersistKeysToStackExchangeRedis(connection, "cobuild:dataprotection-keys");
        }
        else
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        }
        services.AddSingleton<AuctionBroadcast>();
        services.AddSingleton<AuctionReplay>();
        return services;
    }
}
