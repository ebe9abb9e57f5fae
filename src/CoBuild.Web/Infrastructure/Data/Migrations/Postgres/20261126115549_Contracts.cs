using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AcceptanceNote",
                table: "Projects",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AcceptedAt",
                table: "Projects",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptedBy",
                table: "Projects",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndsOn",
                table: "Projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                table: "Projects",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RatingSum",
                table: "Projects",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<int>(
                name: "SourceId",
                table: "OrgContracts",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "OrgContracts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndsOn",
                table: "OrgContracts",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "OverdueCount",
                table: "OrgContracts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PendingVersion",
                table: "OrgContracts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartsOn",
                table: "OrgContracts",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "OrgContracts",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "OrgContracts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PartyMemberId",
                table: "Notifications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Entity = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    EntityId = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true),
                    After = table.Column<string>(type: "text", nullable: true),
                    PrevHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditHeads",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeads", x => x.DistrictId);
                });

            migrationBuilder.CreateTable(
                name: "BudgetLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Funder = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetLines_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Commitments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    Side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Link = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LinkId = table.Column<int>(type: "integer", nullable: true),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OverdueSince = table.Column<DateOnly>(type: "date", nullable: true),
                    Removed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Commitments_OrgContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "OrgContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    RaterSide = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractEvaluations_OrgContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "OrgContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContractSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignerName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractSignatures_OrgContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "OrgContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContractVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EnactedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractVersions_OrgContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "OrgContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Files",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    Owner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Length = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Milestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Milestones_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: true),
                    ResidentUnitId = table.Column<int>(type: "integer", nullable: true),
                    Role = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Duty = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectParticipants_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProjectParticipants_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProjectParticipants_ResidentUnits_ResidentUnitId",
                        column: x => x.ResidentUnitId,
                        principalTable: "ResidentUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProjectRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectRatings_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SigningCampaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    SuggestedHours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastRemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reminders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SigningCampaigns_OrgUnits_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Deliveries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    CommitmentId = table.Column<int>(type: "integer", nullable: false),
                    Side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    QuantityUnit = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Completes = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnswerNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deliveries_Commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deliveries_OrgContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "OrgContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalContracts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    PartyMemberId = table.Column<int>(type: "integer", nullable: false),
                    CommunityId = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    PledgedHours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    HoursDone = table.Column<decimal>(type: "numeric(7,1)", precision: 7, scale: 1, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CampaignId = table.Column<int>(type: "integer", nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    GradeComment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EvaluatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalContracts_OrgUnits_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalContracts_PartyMembers_PartyMemberId",
                        column: x => x.PartyMemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalContracts_SigningCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "SigningCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalContractItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    NeedId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalContractItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalContractItems_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalContractItems_PersonalContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "PersonalContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    PartyMemberId = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    What = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PhotoId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AnswerNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceLogs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceLogs_Files_PhotoId",
                        column: x => x.PhotoId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceLogs_PartyMembers_PartyMemberId",
                        column: x => x.PartyMemberId,
                        principalTable: "PartyMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceLogs_PersonalContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "PersonalContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_PartyMemberId_ReadAt",
                table: "Notifications",
                columns: new[] { "PartyMemberId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_DistrictId_Seq",
                table: "AuditEntries",
                columns: new[] { "DistrictId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Entity_EntityId",
                table: "AuditEntries",
                columns: new[] { "Entity", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLines_ProjectId",
                table: "BudgetLines",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_ContractId",
                table: "Commitments",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_DueOn_DoneOn",
                table: "Commitments",
                columns: new[] { "DueOn", "DoneOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractEvaluations_ContractId_Period_RaterSide",
                table: "ContractEvaluations",
                columns: new[] { "ContractId", "Period", "RaterSide" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractSignatures_ContractId_Version_Side",
                table: "ContractSignatures",
                columns: new[] { "ContractId", "Version", "Side" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractVersions_ContentHash",
                table: "ContractVersions",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_ContractVersions_ContractId_Number",
                table: "ContractVersions",
                columns: new[] { "ContractId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_CommitmentId",
                table: "Deliveries",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_ContractId_CommitmentId",
                table: "Deliveries",
                columns: new[] { "ContractId", "CommitmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_Owner_OwnerId",
                table: "Files",
                columns: new[] { "Owner", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_ProjectId",
                table: "Milestones",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalContractItems_ContractId",
                table: "PersonalContractItems",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalContractItems_NeedId",
                table: "PersonalContractItems",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalContracts_CampaignId",
                table: "PersonalContracts",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalContracts_CommunityId",
                table: "PersonalContracts",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalContracts_OnePerYear",
                table: "PersonalContracts",
                columns: new[] { "PartyMemberId", "Year" },
                unique: true,
                filter: "\"Status\" <> 'Terminated'");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalContracts_Path_Year",
                table: "PersonalContracts",
                columns: new[] { "Path", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectParticipants_OrgUnitId",
                table: "ProjectParticipants",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectParticipants_ProjectId_OrgUnitId_ResidentUnitId",
                table: "ProjectParticipants",
                columns: new[] { "ProjectId", "OrgUnitId", "ResidentUnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectParticipants_ResidentUnitId",
                table: "ProjectParticipants",
                column: "ResidentUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectRatings_ProjectId_UserName",
                table: "ProjectRatings",
                columns: new[] { "ProjectId", "UserName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLogs_ContractId_On",
                table: "ServiceLogs",
                columns: new[] { "ContractId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLogs_PartyMemberId",
                table: "ServiceLogs",
                column: "PartyMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLogs_Path_Status",
                table: "ServiceLogs",
                columns: new[] { "Path", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceLogs_PhotoId",
                table: "ServiceLogs",
                column: "PhotoId");

            migrationBuilder.CreateIndex(
                name: "IX_SigningCampaigns_OrgUnitId_Year",
                table: "SigningCampaigns",
                columns: new[] { "OrgUnitId", "Year" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_PartyMembers_PartyMemberId",
                table: "Notifications",
                column: "PartyMemberId",
                principalTable: "PartyMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Drafts written by auction hammers before this version: their commitment text becomes a commitment row,
            // their term a year from the day they were written.
            migrationBuilder.Sql("""
                UPDATE "OrgContracts" SET "StartsOn" = ("CreatedAt" AT TIME ZONE 'Asia/Shanghai')::date,
                    "EndsOn" = (("CreatedAt" AT TIME ZONE 'Asia/Shanghai') + interval '1 year' - interval '1 day')::date, "UpdatedAt" = "CreatedAt";
                INSERT INTO "Commitments" ("ContractId", "Side", "Title", "DueOn", "Link", "LinkId", "Removed")
                    SELECT "Id", 'Unit', left("Commitment", 200), "EndsOn", 'AuctionLot', "SourceId", false FROM "OrgContracts";
                """);

            migrationBuilder.DropColumn(
                name: "Commitment",
                table: "OrgContracts");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_PartyMembers_PartyMemberId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditHeads");

            migrationBuilder.DropTable(
                name: "BudgetLines");

            migrationBuilder.DropTable(
                name: "ContractEvaluations");

            migrationBuilder.DropTable(
                name: "ContractSignatures");

            migrationBuilder.DropTable(
                name: "ContractVersions");

            migrationBuilder.DropTable(
                name: "Deliveries");

            migrationBuilder.DropTable(
                name: "Milestones");

            migrationBuilder.DropTable(
                name: "PersonalContractItems");

            migrationBuilder.DropTable(
                name: "ProjectParticipants");

            migrationBuilder.DropTable(
                name: "ProjectRatings");

            migrationBuilder.DropTable(
                name: "ServiceLogs");

            migrationBuilder.DropTable(
                name: "Commitments");

            migrationBuilder.DropTable(
                name: "Files");

            migrationBuilder.DropTable(
                name: "PersonalContracts");

            migrationBuilder.DropTable(
                name: "SigningCampaigns");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_PartyMemberId_ReadAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AcceptanceNote",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "AcceptedBy",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "EndsOn",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "RatingSum",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "EndsOn",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "OverdueCount",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "PendingVersion",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "StartsOn",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "OrgContracts");

            migrationBuilder.DropColumn(
                name: "PartyMemberId",
                table: "Notifications");

            migrationBuilder.AlterColumn<int>(
                name: "SourceId",
                table: "OrgContracts",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Commitment",
                table: "OrgContracts",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");
        }
    }
}
