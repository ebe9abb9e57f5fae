using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuctionPreparation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RankingDeadline",
                table: "SelectionRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Auctions",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "Intent");

            // An auction whose lots were all pledges was a pledge ceremony; the others state intent.
            migrationBuilder.Sql("""UPDATE "Auctions" SET "Mode" = 'Pledge' WHERE EXISTS (SELECT 1 FROM "Lots" l WHERE l."AuctionId" = "Auctions"."Id") AND NOT EXISTS (SELECT 1 FROM "Lots" l WHERE l."AuctionId" = "Auctions"."Id" AND l."Mode" <> 'Pledge')""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RankingDeadline",
                table: "SelectionRounds");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Auctions");
        }
    }
}
