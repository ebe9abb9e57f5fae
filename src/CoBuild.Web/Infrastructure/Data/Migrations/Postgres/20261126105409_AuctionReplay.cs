using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuctionReplay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReplayOfId",
                table: "Auctions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lots_OneOpenPerAuction",
                table: "Lots",
                column: "AuctionId",
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_Auctions_ReplayOfId",
                table: "Auctions",
                column: "ReplayOfId");

            migrationBuilder.AddForeignKey(
                name: "FK_Auctions_Auctions_ReplayOfId",
                table: "Auctions",
                column: "ReplayOfId",
                principalTable: "Auctions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Auctions_Auctions_ReplayOfId",
                table: "Auctions");

            migrationBuilder.DropIndex(
                name: "IX_Lots_OneOpenPerAuction",
                table: "Lots");

            migrationBuilder.DropIndex(
                name: "IX_Auctions_ReplayOfId",
                table: "Auctions");

            migrationBuilder.DropColumn(
                name: "ReplayOfId",
                table: "Auctions");
        }
    }
}
