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
        api.MapPost("/auth/token", IssueToken).AllowAnonymous();
        api.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var user = await signIn.UserManager.FindByNameAsync(request.UserName);
        if (user is null) return Unauthorized("用户名或密码错误。");
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut) return Unauthorized("登录失败次数过多，账号已锁定 15 分钟。");
        if (!result.Succeeded) return Unauthorized("用户名或密码错误。");

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var expiresAt = clock.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expiresAt }, IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expiresAt));
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");

    private static Ok<MeResponse> Me(HttpContext http)
    {
        var caller = Caller.From(http.User)!;
        return TypedResults.Ok(new MeResponse(caller.UserName, http.User.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value ?? caller.UserName,
            caller.Role, Roles.Name(caller.Role), caller.ScopeOrgUnitId, caller.ScopePath, caller.UnitId, caller.PartyMemberId));
    }
}
