      * TACT holdings extract (HOLDEXT): one header, the detail records,
      * one trailer; 100-byte fixed records in EBCDIC (CP037).
      * REC-TYPE tells them apart: H header, D detail, T trailer.
       01  HOLDINGS-RECORD.
           05  REC-TYPE                PIC X.
           05  HDR-DATA.
               10  HDR-RUN-DATE        PIC 9(8).
               10  HDR-SYSTEM          PIC X(8).
               10  FILLER              PIC X(83).
           05  DTL-DATA REDEFINES HDR-DATA.
               10  DTL-ACCOUNT         PIC X(10).
               10  DTL-BUCKET          PIC X(12).
               10  DTL-SECURITY        PIC X(12).
               10  DTL-QUANTITY        PIC S9(11)V9(4) COMP-3.
               10  DTL-MARKET-VALUE    PIC S9(13)V9(2) COMP-3.
               10  DTL-CURRENCY        PIC X(3).
               10  DTL-AS-OF-DATE      PIC 9(8).
               10  FILLER              PIC X(38).
           05  TRL-DATA REDEFINES HDR-DATA.
               10  TRL-RECORD-COUNT    PIC 9(9) COMP.
               10  TRL-HASH-TOTAL      PIC S9(15)V9(2) COMP-3.
               10  FILLER              PIC X(86).
