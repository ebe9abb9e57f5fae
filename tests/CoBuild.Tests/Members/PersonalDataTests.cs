using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Members;

[Collection(AppCollection.Name)]
public sealed class PersonalDataTests(AppFixture app)
{
    [Theory]
    [InlineData("street.fushan", false)]
    [InlineData("district.admin", false)]
    [InlineData("community.jishan", true)]
    public async Task Member_lists_mask_phones_by_role_and_id_cards_always(string user, bool fullPhone)
    {
        var client = await app.ClientFor(user);
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var page = (await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?pageSize=500"))!;
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, m =>
        {
            Assert.Matches(@"^\d{4}\*{10}\d{3}[\dX]$", m.IdCard);
            Assert.Matches(fullPhone ? @"^1\d{10}$" : @"^1\d{2}\*{4}\d{4}$", m.Phone!);
        });
    }

    [Fact]
    public async Task Id_cards_are_stored_encrypted_and_revealed_only_with_a_logged_purpose()
    {
        var client = await app.ClientFor("community.jishan");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var member = (await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?pageSize=1"))!.Items[0];

        var noPurpose = await client.PostAsJsonAsync($"/api/v1/party-members/{member.Id}/reveal", new { field = "idCard" });
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);

        var response = await client.PostAsJsonAsync($"/api/v1/party-members/{member.Id}/reveal", new RevealRequest("idCard", "核对报到信息"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revealed = await response.Read<RevealResponse>();
        Assert.Null(IdCardNumber.Validate(revealed.Value));
        Assert.Equal(member.IdCard[..4], revealed.Value[..4]);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.PartyMembers.AsNoTracking().SingleAsync(m => m.Id == member.Id);
        Assert.DoesNotContain(revealed.Value, System.Text.Encoding.ASCII.GetString(stored.IdCardCipher));
        Assert.NotEqual(revealed.Value, stored.IdCardHash);
        Assert.True(await db.PersonalDataAccesses.AnyAsync(a => a.PartyMemberId == member.Id && a.UserName == "community.jishan" && a.Field == "idCard"));

        var outside = await (await app.ClientFor("street.dongpu")).PostAsJsonAsync($"/api/v1/party-members/{member.Id}/reveal", new RevealRequest("idCard", "越权查看"));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var unit = await (await app.ClientFor("unit.drainage")).PostAsJsonAsync($"/api/v1/party-members/{member.Id}/reveal", new RevealRequest("phone", "越权查看"));
        Assert.Equal(HttpStatusCode.Forbidden, unit.StatusCode);
    }
}

public sealed class IdCardNumberTests
{
    [Theory]
    [InlineData("11010519491231002X", null)]
    [InlineData("110105194912310021", "校验位错误")]
    [InlineData("11010519491331002X", "出生日期无效")]
    [InlineData("1101051949123100", "应为 18 位")]
    [InlineData("11010519491231002x", null)]
    [InlineData("A1010519491231002X", "前 17 位应为数字")]
    public void Gb11643_check_digit(string number, string? expected) => Assert.Equal(expected, IdCardNumber.Validate(number));

    [Fact]
    public void Masks_keep_first_four_and_last_four()
    {
        Assert.Equal("1101**********002X", IdCardNumber.Mask("11010519491231002X"));
        Assert.Equal("138****1234", PhoneNumber.Mask("13800001234"));
    }
}
