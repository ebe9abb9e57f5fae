using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    GridId = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Cadre = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CadreName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Households = table.Column<int>(type: "integer", nullable: false),
                    IssuesFound = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TicketNumbers = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
