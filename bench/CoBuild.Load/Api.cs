using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CoBuild.Load;

internal sealed record TokenReply(string AccessToken);
internal sealed record IdReply(int Id);
internal sealed record PaddleMessage(int LotId, int UnitId, int Seq, DateTimeOffset RaisedAt);
internal sealed record StateMessage(int Id, int? CurrentLotId, DateTimeOffset ServerNow);

/// <summary>The few calls of /api/v1 the driver makes: as the street's moderator, or as a unit raising its paddle.</summary>
internal sealed class Api(HttpClient http)
{
    public async Task<string> TokenAsync(string userName)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Demo@2018" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenReply>())!.AccessToken;
    }

    public async Task<int> CreateAuctionAsync(string token, string title) =>
        (await SendAsync<IdReply>(token, "/api/v1/auctions", new { title, startsAt = DateTimeOffset.UtcNow.AddMinutes(5) })).Id;

    public async Task<int> AddLotAsync(string token, int auctionId, string title) =>
        (await SendAsync<IdReply>(token, $"/api/v1/auctions/{auctionId}/lots", new { title, description = "负载测试", capacity = 3, mode = "Intent" })).Id;

    public Task OpenAsync(string token, int auctionId, int lotId) => SendAsync<StateMessage>(token, $"/api/v1/auctions/{auctionId}/lots/{lotId}/open", new { });

    public Task HammerAsync(string token, int auctionId, int lotId) => SendAsync<IdReply>(token, $"/api/v1/auctions/{auctionId}/lots/{lotId}/hammer", new { });

    /// <summary>The acknowledged paddle, or null when the server refused it (the status goes to stderr).</summary>
    public async Task<PaddleMessage?> RaiseAsync(string token, int auctionId, int lotId)
    {
        using var response = await PostAsync(token, $"/api/v1/auctions/{auctionId}/lots/{lotId}/paddles", new { });
        if (response.StatusCode == HttpStatusCode.Created) return await response.Content.ReadFromJsonAsync<PaddleMessage>();
        await Console.Error.WriteLineAsync($"raise on lot {lotId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return null;
    }

    private async Task<T> SendAsync<T>(string token, string path, object body)
    {
        using var response = await PostAsync(token, path, body);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private async Task<HttpResponseMessage> PostAsync(string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
