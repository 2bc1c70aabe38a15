#!/usr/bin/python3
# Writes the XLSX fixtures of the import tests with openpyxl (Debian
# python3-openpyxl), shaped like real SIMPEG/ABK exports: title rows, a header
# of two rows with merged cells, a numbering row, extra columns, dates as real
# Excel dates (serial numbers) and as text, a merged "Unit Kerja" over several
# rows, thousands separators in text, a second worksheet. Run it again after
# changing it and commit the .xlsx files:  /usr/bin/python3 make_fixtures.py
import datetime
import os

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))


def pegawai():
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws["A1"] = "DAFTAR NOMINATIF PEGAWAI KECAMATAN MEDAN MARELAN"
    ws.merge_cells("A1:J1")
    ws["A2"] = "Keadaan per 1 Desember 2026"
    # Header of two rows: "Pangkat/Gol" over Gol + TMT, "Jabatan" over Nama + TMT.
    top = ["No", "NIP", "Nama Pegawai", "Pangkat/Gol", None, "Jabatan", None, "Unit Kerja", "Tgl. Lahir", "Pendidikan"]
    sub = [None, None, None, "Gol", "TMT", "Nama", "TMT", None, None, None]
    for c, v in enumerate(top, 1):
        ws.cell(row=4, column=c, value=v)
    for c, v in enumerate(sub, 1):
        ws.cell(row=5, column=c, value=v)
    for col in "ABCHIJ":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("D4:E4")
    ws.merge_cells("F4:G4")
    for c in range(1, 11):
        ws.cell(row=6, column=c, value=c)  # numbering row
    rows = [
        # NIP as text (as SIMPEG writes it), TMT jabatan as a real Excel date.
        ["198503122010011002", "Budi Siregar", "Pengatur, II/c", datetime.date(2010, 1, 1), "Pengadministrasi Umum",
         datetime.date(2021, 1, 4), "Kelurahan Terjun", "12-03-1985", "SMA"],
        ["199001152015032001", "Sri Wahyuni, S.Sos", "Penata Muda (III/a)", datetime.date(2015, 3, 1),
         "Pengadministrasi Umum", "04-01-2021", None, datetime.date(1990, 1, 15), "S1"],
        ["198807072011011003", "Andi Nasution", "II/d", datetime.date(2011, 1, 1), "Pengadministrasi Umum",
         44200, None, None, "D3"],
    ]
    for r, values in enumerate(rows, 7):
        ws.cell(row=r, column=1, value=r - 6)
        for c, v in enumerate(values, 2):
            ws.cell(row=r, column=c, value=v)
    ws.merge_cells("H7:H9")  # one "Unit Kerja" for the three rows
    ws["I9"] = "07-07-1988"
    ws["A11"] = "Jumlah: 3 orang"
    other = wb.create_sheet("Rekap")
    other["A1"] = "Rekap"
    wb.save(os.path.join(HERE, "pegawai.xlsx"))


def abk():
    wb = Workbook()
    ws = wb.active
    ws.title = "ABK"
    ws.append(["FORMULIR A: ANALISIS BEBAN KERJA"])
    ws.append([])
    ws.append(["No", "Unit Kerja", "Jabatan", "Uraian Tugas", "Satuan Hasil", "Beban Kerja (1 tahun)",
               "Waktu Penyelesaian (menit)", "Keterangan"])
    ws.append([1, "Kelurahan Terjun", "Pengadministrasi Umum", "Mengagendakan surat masuk", "surat", "1.200",
               "15", "teks dengan titik ribuan"])
    ws.append([2, None, None, "Menyusun laporan bulanan", "laporan", 12, 240.5, "angka asli"])
    ws.append([3, None, None, "Mengarsipkan dokumen", "berkas", "2.500", "7,5", None])
    ws.merge_cells("B4:B6")
    ws.merge_cells("C4:C6")
    ws.append([None, None, "Jumlah", None, None, None, None, None])
    wb.save(os.path.join(HERE, "abk.xlsx"))


if __name__ == "__main__":
    pegawai()
    abk()
