using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.ServiceDesk;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>Calls of the living room's API shared by its tests.</summary>
internal static class Desk
{
    public static IntakeRequest Drain(int communityId, string description = "小区下水道堵塞，污水漫到路面") =>
        new(communityId, "facility-repair", description, "张阿姨", "13800001234", Fields: new() { ["facility"] = ["drain"], ["building"] = ["3幢"] });

    public static Task<HttpResponseMessage> FileAsync(HttpClient client, IntakeRequest request) =>
        client.PostAsJsonAsync("/api/v1/requests", request, Json.Options);

    public static async Task<IntakeReceipt> FiledAsync(HttpClient client, IntakeRequest request)
    {
        var response = await FileAsync(client, request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Read<IntakeReceipt>();
    }

    public static Task<HttpResponseMessage> StepAsync(HttpClient client, int id, string step, StepInput input) =>
        client.PostAsJsonAsync($"/api/v1/requests/{id}/{step}", input, Json.Options);

    public static async Task<TicketDetail> SteppedAsync(HttpClient client, int id, string step, StepInput input)
    {
        var response = await StepAsync(client, id, step, input);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Read<TicketDetail>();
    }
}
