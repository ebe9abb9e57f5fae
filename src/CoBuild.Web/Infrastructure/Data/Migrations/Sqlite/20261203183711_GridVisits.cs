using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GridVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GridVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    GridId = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Cadre = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CadreName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuesFound = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TicketNumbers = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GridVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GridVisits_OrgUnits_GridId",
                        column: x => x.GridId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GridVisits_DistrictId_Path_VisitedOn",
                table: "GridVisits",
                columns: new[] { "DistrictId", "Path", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_GridVisits_GridId",
                table: "GridVisits",
                column: "GridId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GridVisits");
        }
    }
}
