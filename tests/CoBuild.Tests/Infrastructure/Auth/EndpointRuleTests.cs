namespace CoBuild.Tests.Infrastructure.Auth;

/// <summary>Each endpoint says who may call it where it is declared: AllowAnonymous or an authorization rule.</summary>
[Collection(AppCollection.Name)]
public sealed class EndpointRuleTests(AppFixture app)
{
    [Fact]
    public void Every_endpoint_declares_who_may_call_it()
    {
        var endpoints = EndpointRule.Of(app.Services);
        Assert.True(endpoints.Count(e => e.IsApi) > 100, $"only {endpoints.Count(e => e.IsApi)} API endpoints found");
        Assert.Contains(endpoints, e => e.Pattern.StartsWith("/admin", StringComparison.Ordinal)); // pages are in the list too
        var undeclared = endpoints.Where(e => !e.Declared).Select(e => e.ToString()).Distinct().Order().ToList();
        Assert.True(undeclared.Count == 0, $"{undeclared.Count} endpoints declare no rule (add .AllowAnonymous() or .RequireAuthorization(policy), [Authorize] or [AllowAnonymous] on pages):\n"
            + string.Join("\n", undeclared));
    }
}
