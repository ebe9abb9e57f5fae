using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.ServiceDesk.Open311;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.ServiceDesk.Open311;

/// <summary>The district administrator issues an app's key once, lists keys without them, and withdraws them; each change audited.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class Open311ClientsTests(TestDistrictFixture app)
{
    [Fact]
    public async Task The_key_is_shown_once_kept_as_a_hash_listed_by_prefix_and_withdrawn()
    {
        var scene = await Open311Scene.CreateAsync(app);
        var admin = await app.ClientFor(await app.District.DistrictAdminAsync());
        var response = await admin.PostAsJsonAsync("/api/v1/open311-clients", new Open311ClientInput("随手拍 App"), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Read<IssuedOpen311Client>();
        Assert.Equal(48, issued.ApiKey.Length);
        Assert.Equal(issued.ApiKey[..8], issued.KeyPrefix);

        var listed = await admin.GetStringAsync("/api/v1/open311-clients");
        Assert.DoesNotContain(issued.ApiKey, listed);
        var mine = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == issued.Id);
        Assert.Equal((issued.KeyPrefix, true), (mine.GetProperty("keyPrefix").GetString(), mine.GetProperty("active").GetBoolean()));
        Assert.False(mine.TryGetProperty("apiKey", out _));
        Assert.False(mine.TryGetProperty("keyHash", out _));

        var key = scene with { Key = issued.ApiKey };
        await key.FileAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.Open311Clients.AsNoTracking().SingleAsync(c => c.Id == issued.Id);
            Assert.Equal(Open311Client.Hash(issued.ApiKey), stored.KeyHash);
            Assert.False(await db.Open311Clients.AnyAsync(c => c.KeyHash == issued.ApiKey)); // the key itself is nowhere
            Assert.NotNull(stored.LastUsedAt);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/open311-clients/{issued.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsync("json", Open311Scene.Drain())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scene.PostAsync("json", Open311Scene.Drain())).StatusCode); // other keys still work
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/open311-clients/999999")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var actions = await db.AuditEntries.Where(a => a.Entity == "open311-client" && a.EntityId == issued.Id).Select(a => a.Action).ToListAsync();
            Assert.Equal(["issue", "deactivate"], actions.Order().Reverse());
        }
    }

    [Fact]
    public async Task Only_the_district_administrator_manages_keys()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        foreach (var user in new[] { street.Admin, street.Cadre!, street.Resident! })
        {
            var client = await app.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/open311-clients", new Open311ClientInput("x"), Json.Options)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/open311-clients")).StatusCode);
        }
        var admin = await app.ClientFor(await app.District.DistrictAdminAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/open311-clients", new Open311ClientInput(" "), Json.Options)).StatusCode);
    }
}
