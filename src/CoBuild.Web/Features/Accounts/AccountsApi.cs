using System.ComponentModel.DataAnnotations;
using CoBuild.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoBuild.Web.Features.Accounts;

public sealed record TokenRequest(
    [property: Required(ErrorMessage = "请填写用户名。"), StringLength(64, ErrorMessage = "用户名不超过 64 个字符。")] string UserName,
    [property: Required(ErrorMessage = "请填写密码。"), StringLength(128, ErrorMessage = "密码不超过 128 个字符。")] string Password);
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
public sealed record MeResponse(string UserName, string DisplayName, string Role, string RoleName, int? ScopeOrgUnitId, string? ScopePath, int? UnitId, int? PartyMemberId);

internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Accounts");
        api.MapPost("/auth/token", IssueToken).AllowAnonymous().ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/auth/logout", Logout).RequireAuthorization(Policies.SignedIn);
        api.MapGet("/me", Me).RequireAuthorization(Policies.SignedIn);
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, LoginGate gate, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var outcome = await gate.CheckAsync(http, request.UserName, request.Password);
        if (outcome.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = LoginOutcome.RetryAfterSeconds(wait);
            return TypedResults.Problem(LoginOutcome.TooMany(wait), statusCode: StatusCodes.Status429TooManyRequests, title: "登录尝试过多");
        }
        if (outcome.User is not { } user) return Unauthorized(LoginOutcome.Failed);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(Sessions.NewClaim());
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var expiresAt = clock.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expiresAt));
    }

    /// <summary>Ends the caller's session: the bearer token or cookie it came with is refused from now on.</summary>
    private static async Task<NoContent> Logout(HttpContext http, Sessions sessions, SignInManager<AppUser> signIn)
    {
        await sessions.EndAsync(http.User);
        if (!AuthSetup.IsBearer(http.Request)) await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");

    private static Ok<MeResponse> Me(Caller caller, HttpContext http)
    {
        return TypedResults.Ok(new MeResponse(caller.UserName, http.User.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value ?? caller.UserName,
            caller.Role, Roles.Name(caller.Role), caller.ScopeOrgUnitId, caller.ScopePath, caller.UnitId, caller.PartyMemberId));
    }
}
