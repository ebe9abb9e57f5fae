using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// Data only: Needs.Claimed now counts live auction awards as well as live claims (the hammer takes its places on
    /// the need row), so awards granted before this counted are added once. A need already given past its capacity
    /// stays so (full) until the street undoes or declines; nothing is taken from a unit here.
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261202160005_AllocationGuard")]
    public partial class AllocationGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(AwardsSql("+"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(AwardsSql("-"));

        private static string AwardsSql(string sign) =>
            $"""
            UPDATE "Needs" SET "Claimed" = "Claimed" {sign} (
                SELECT COUNT(*) FROM "Awards" a
                JOIN "Lots" l ON l."Id" = a."LotId"
                JOIN "Auctions" x ON x."Id" = a."AuctionId"
                WHERE l."NeedId" = "Needs"."Id" AND a."RevokedAt" IS NULL AND x."ReplayOfId" IS NULL)
            WHERE EXISTS (
                SELECT 1 FROM "Awards" a JOIN "Lots" l ON l."Id" = a."LotId"
                WHERE l."NeedId" = "Needs"."Id" AND a."RevokedAt" IS NULL);
            """;
    }
}
