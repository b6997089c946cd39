module gotrace/programs

go 1.22
