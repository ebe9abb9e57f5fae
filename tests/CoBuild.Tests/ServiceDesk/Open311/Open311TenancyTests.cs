using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Tests.Infrastructure.Tenancy;
using CoBuild.Web.Features.ServiceDesk.Open311;

namespace CoBuild.Tests.ServiceDesk.Open311;

/// <summary>A key is the district's: it files in its own communities only, and each district lists only its own apps.</summary>
[Collection(TwoDistrictsCollection.Name)]
public sealed class Open311TenancyTests(TwoDistrictsFixture app)
{
    [Fact]
    public async Task A_key_of_one_district_cannot_file_in_the_other_and_lists_stay_apart()
    {
        var second = await app.ClientFor(app.Second.Admin);
        var issued = await (await second.PostAsJsonAsync("/api/v1/open311-clients", new Open311ClientInput("乙区热线"), Json.Options)).Read<IssuedOpen311Client>();
        var anonymous = await app.ClientFor(null);
        async Task<HttpStatusCode> FileAsync(string jurisdiction)
        {
            using var response = await anonymous.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["api_key"] = issued.ApiKey, ["jurisdiction_id"] = jurisdiction, ["service_code"] = "policy", ["description"] = "咨询", ["address_string"] = "社区",
            }));
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.Forbidden, await FileAsync(app.First.Street.Community!.Code));
        Assert.Equal(HttpStatusCode.OK, await FileAsync(app.Second.Street.Community!.Code));

        var firstList = await (await app.ClientFor(app.First.Admin)).GetStringAsync("/api/v1/open311-clients");
        Assert.True(app.First.Shows(firstList) && !app.Second.Shows(firstList) && !firstList.Contains("乙区热线"), firstList);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(app.First.Admin)).DeleteAsync($"/api/v1/open311-clients/{issued.Id}")).StatusCode);
    }
}
