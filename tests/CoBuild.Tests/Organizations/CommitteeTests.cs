using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Organizations;

[Collection(AppCollection.Name)]
public sealed class CommitteeTests(AppFixture app)
{
    [Fact]
    public async Task A_street_seats_a_unit_leader_of_its_own_street_only()
    {
        var client = await app.ClientFor("street.fushan");
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var dongpu = await Demo.Node(client, OrgLevel.Street, "东浦街道");
        var fushanUnit = (await client.Get<List<UnitItem>>($"/api/v1/resident-units?streetId={fushan.Id}"))!.Last();
        var dongpuUnit = (await client.Get<List<UnitItem>>($"/api/v1/resident-units?streetId={dongpu.Id}"))!.First();
        var start = new DateOnly(2026, 1, 1);
        var holder = "委员" + Guid.NewGuid().ToString("N")[..4];

        var created = await client.PostAsJsonAsync("/api/v1/committee-seats", new CreateSeat(fushan.Id, fushanUnit.Id, holder, SeatPost.Member, start, start.AddYears(3)), Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var seats = (await (await app.ClientFor(null)).Get<List<SeatItem>>($"/api/v1/committee-seats?orgUnitId={fushan.Id}"))!;
        Assert.Contains(seats, s => s.HolderName == holder && s.Unit == fushanUnit.Name && s.PostName == "兼职委员");

        var again = await client.PostAsJsonAsync("/api/v1/committee-seats", new CreateSeat(fushan.Id, fushanUnit.Id, holder, SeatPost.Member, start, start.AddYears(3)), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var wrongStreet = await client.PostAsJsonAsync("/api/v1/committee-seats", new CreateSeat(fushan.Id, dongpuUnit.Id, "某人", SeatPost.Member, start, start.AddYears(3)), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, wrongStreet.StatusCode);
        var outside = await client.PostAsJsonAsync("/api/v1/committee-seats", new CreateSeat(dongpu.Id, dongpuUnit.Id, "某人", SeatPost.Member, start, start.AddYears(3)), Json.Options);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var backwards = await client.PostAsJsonAsync("/api/v1/committee-seats", new CreateSeat(fushan.Id, fushanUnit.Id, "某人", SeatPost.Member, start, start.AddDays(-1)), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.drainage")).PostAsJsonAsync("/api/v1/committee-seats",
            new CreateSeat(fushan.Id, fushanUnit.Id, "某人", SeatPost.Member, start, start.AddYears(1)), Json.Options)).StatusCode);
    }

    [Fact]
    public async Task A_meeting_gets_minutes_and_attendance_of_its_own_seats()
    {
        var client = await app.ClientFor("street.fushan");
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var dongpu = await Demo.Node(client, OrgLevel.Street, "东浦街道");
        var created = await client.PostAsJsonAsync("/api/v1/committee-meetings",
            new CreateMeeting(fushan.Id, "大工委专题会议", new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.FromHours(8)), "红立方议事协商室", "研究雨污分流项目"), Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meeting = await created.Read<MeetingItem>();
        Assert.Equal(TimeSpan.Zero, meeting.HeldAt.Offset);
        Assert.Equal(6, meeting.HeldAt.Hour);

        var seats = (await client.Get<List<SeatItem>>($"/api/v1/committee-seats?orgUnitId={fushan.Id}"))!;
        var marked = await client.PutAsJsonAsync($"/api/v1/committee-meetings/{meeting.Id}/attendance", seats.Select((s, i) => new AttendanceMark(s.Id, i != 0)).ToList());
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var after = await marked.Read<MeetingItem>();
        Assert.Equal((seats.Count - 1, 1), (after.Present, after.Absent));

        var minutes = await client.PutAsJsonAsync($"/api/v1/committee-meetings/{meeting.Id}/minutes", new RecordMinutes("会议决定由排水公司牵头。"));
        Assert.Equal("会议决定由排水公司牵头。", (await minutes.Read<MeetingItem>()).Minutes);

        var otherSeat = (await client.Get<List<SeatItem>>($"/api/v1/committee-seats?orgUnitId={dongpu.Id}"))!.First();
        var foreign = await client.PutAsJsonAsync($"/api/v1/committee-meetings/{meeting.Id}/attendance", new[] { new AttendanceMark(otherSeat.Id, true) });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        var dongpuAdmin = await app.ClientFor("street.dongpu");
        Assert.Equal(HttpStatusCode.Forbidden, (await dongpuAdmin.PutAsJsonAsync($"/api/v1/committee-meetings/{meeting.Id}/minutes", new RecordMinutes("篡改"))).StatusCode);
        Assert.DoesNotContain((await dongpuAdmin.Get<List<MeetingItem>>("/api/v1/committee-meetings"))!, m => m.Id == meeting.Id);
        Assert.Contains((await (await app.ClientFor("district.admin")).Get<List<MeetingItem>>("/api/v1/committee-meetings"))!, m => m.Id == meeting.Id);
    }

    [Fact]
    public async Task Venues_list_rooms_and_red_cubes_are_street_level()
    {
        var client = await app.ClientFor(null);
        var cubes = (await client.Get<List<VenueItem>>("/api/v1/venues?kind=RedCube"))!;
        Assert.Equal(7, cubes.Count);
        Assert.Contains(cubes, c => c.OrgUnit == "东浦街道");
        Assert.All(cubes, c => Assert.NotEmpty(c.Rooms));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/venues?kind=Castle")).StatusCode);
    }
}
