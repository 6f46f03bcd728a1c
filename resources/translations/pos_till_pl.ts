<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../pos_client/ui/approval_dialog.py" line="+54"/>
        <source>Approval</source>
        <translation>Zatwierdzenie</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A manager approves this with their login and PIN.</source>
        <translation>Kierownik zatwierdza to swoim loginem i PIN-em.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You may do this yourself: give the reason.</source>
        <translation>Możesz to zrobić samodzielnie: podaj powód.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why (required)</source>
        <translation>Powód (wymagany)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approve</source>
        <translation>Zatwierdź</translation>
    </message>
</context>
<context>
    <name>Approvals</name>
    <message>
        <location filename="../../pos_client/services/approvals.py" line="+28"/>
        <source>selling</source>
        <translation>sprzedaż</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a price override</source>
        <translation>zmiana ceny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a manual discount</source>
        <translation>rabat ręczny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>voiding a line after the total</source>
        <translation>storno pozycji po podsumie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>voiding a paid sale</source>
        <translation>anulowanie opłaconego paragonu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a return without a receipt</source>
        <translation>zwrot bez paragonu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opening the drawer without a sale</source>
        <translation>otwarcie szuflady bez sprzedaży</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cash in or out</source>
        <translation>wpłata lub wypłata gotówki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an X report</source>
        <translation>raport X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closing the shift</source>
        <translation>zamknięcie zmiany</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>viewing the audit log</source>
        <translation>podgląd dziennika zdarzeń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changing the settings</source>
        <translation>zmiana ustawień</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>managing users</source>
        <translation>zarządzanie użytkownikami</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>No one is logged in: log in first.</source>
        <translation>Nikt nie jest zalogowany: najpierw się zaloguj.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give the reason for %1.</source>
        <translation>Podaj powód (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reason is too long (at most %1 characters).</source>
        <translation>Powód jest za długi (najwyżej %1 znaków).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This needs a manager (%1): the manager enters their login and PIN.</source>
        <translation>To wymaga kierownika (%1): kierownik wpisuje swój login i PIN.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 may not approve %2: a manager&apos;s login and PIN are needed.</source>
        <translation>%1 nie może zatwierdzić tej czynności (%2): potrzebny jest login i PIN kierownika.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../pos_client/ui/audit_view.py" line="+193"/>
        <source>Audit log</source>
        <translation>Dziennik zdarzeń</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Action</source>
        <translation>Czynność</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User</source>
        <translation>Użytkownik</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>login or name</source>
        <translation>login lub nazwisko</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sale</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sale id</source>
        <translation>nr sprzedaży</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>All actions</source>
        <translation>Wszystkie czynności</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The first day is after the last day.</source>
        <translation>Pierwszy dzień jest późniejszy niż ostatni.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The newest %1 entries; narrow the filters to see older ones.</source>
        <translation>Najnowsze wpisy (%1); zawęź filtry, aby zobaczyć starsze.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n wpis</numerusform>
            <numerusform>%n wpisy</numerusform>
            <numerusform>%n wpisów</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location line="-258"/>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Czynność</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Użytkownik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved by</source>
        <translation>Zatwierdził</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sale</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Login</source>
        <translation>Logowanie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logout</source>
        <translation>Wylogowanie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed login or PIN</source>
        <translation>Błędny login lub PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login locked</source>
        <translation>Logowanie zablokowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval refused</source>
        <translation>Odmowa zatwierdzenia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User added</source>
        <translation>Dodano użytkownika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN changed</source>
        <translation>Zmiana PIN-u</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User deactivated</source>
        <translation>Dezaktywowano użytkownika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User reactivated</source>
        <translation>Przywrócono użytkownika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price override</source>
        <translation>Zmiana ceny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line discount</source>
        <translation>Rabat na pozycję</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basket discount</source>
        <translation>Rabat na paragon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line voided after total</source>
        <translation>Storno pozycji po podsumie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid sale voided</source>
        <translation>Anulowano opłaconą sprzedaż</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return without receipt</source>
        <translation>Zwrot bez paragonu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drawer opened</source>
        <translation>Otwarcie szuflady</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash in</source>
        <translation>Wpłata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash out</source>
        <translation>Wypłata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift closed</source>
        <translation>Zamknięcie zmiany</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit log viewed</source>
        <translation>Podgląd dziennika zdarzeń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings opened</source>
        <translation>Otwarcie ustawień</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users screen opened</source>
        <translation>Otwarcie listy użytkowników</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarantined sync rows viewed</source>
        <translation>Podgląd wierszy w kwarantannie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarantined rows sent again</source>
        <translation>Ponowne wysłanie wierszy z kwarantanny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalogue sync window opened</source>
        <translation>Otwarcie okna synchronizacji katalogu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolment window opened</source>
        <translation>Otwarcie okna rejestracji kasy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return saved</source>
        <translation>Zapisano zwrot</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <location filename="../../pos_client/services/auth.py" line="+104"/>
        <source>No one is logged in: log in first.</source>
        <translation>Nikt nie jest zalogowany: najpierw się zaloguj.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Enter your login.</source>
        <translation>Wpisz swój login.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter your PIN.</source>
        <translation>Wpisz swój PIN.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Wrong login or PIN. 1 attempt left before the login is locked.</source>
        <translation>Błędny login lub PIN. Jeszcze jedna próba, potem login zostanie zablokowany.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong login or PIN. %1 attempts left before the login is locked.</source>
        <translation>Błędny login lub PIN. Pozostałe próby przed zablokowaniem loginu: %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Too many wrong PINs: this login is locked until %1. Wait, or ask the manager.</source>
        <translation>Zbyt wiele błędnych PIN-ów: ten login jest zablokowany do %1. Poczekaj lub poproś kierownika.</translation>
    </message>
</context>
<context>
    <name>BlindReturnDialog</name>
    <message>
        <location filename="../../pos_client/ui/blind_return_dialog.py" line="+76"/>
        <source>Return without a receipt</source>
        <translation>Zwrot bez paragonu</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No receipt: a manager approves the return. Scan the products or find them by name, set the quantities and what each gives back.</source>
        <translation>Bez paragonu: zwrot zatwierdza kierownik. Zeskanuj towary lub znajdź je po nazwie, ustaw ilości i kwoty do zwrotu.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scan a barcode, or type a code or a name, then Enter</source>
        <translation>Zeskanuj kod kreskowy albo wpisz kod lub nazwę, potem Enter</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Product</source>
        <translation>Towar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price today</source>
        <translation>Cena dziś</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give back:</source>
        <translation>Zwróć:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+161"/>
        <source>in cash</source>
        <translation>gotówką</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+158"/>
        <source>to the card</source>
        <translation>na kartę</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Reason:</source>
        <translation>Powód:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for the return (required)</source>
        <translation>Powód zwrotu (wymagany)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Confirm return (manager)</source>
        <translation>Zatwierdź zwrot (kierownik)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No product matches %1.</source>
        <translation>Żaden towar nie pasuje do: %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source> g</source>
        <translation> g</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> pcs</source>
        <translation> szt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Refund: %1</source>
        <translation>Do zwrotu: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Give the reason for the return.</source>
        <translation>Podaj powód zwrotu.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Return without a receipt: %1 %2</source>
        <translation>Zwrot bez paragonu: %1 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not approved: nothing was saved.</source>
        <translation>Nie zatwierdzono: nic nie zostało zapisane.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Return %1 saved: give back %2.</source>
        <translation>Zwrot %1 zapisany: wydaj %2.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Done (Esc)</source>
        <translation>Gotowe (Esc)</translation>
    </message>
</context>
<context>
    <name>Cart</name>
    <message>
        <location filename="../../pos_client/domain/cart.py" line="+37"/>
        <source>%1 is sold by weight</source>
        <translation>%1 jest sprzedawany na wagę</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is sold by the piece</source>
        <translation>%1 jest sprzedawany na sztuki</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>a sale can have at most %1 lines</source>
        <translation>Paragon może mieć najwyżej %1 pozycji</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>that line is no longer in the sale</source>
        <translation>Tej pozycji nie ma już na paragonie</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>a line discount must be between zero and the line&apos;s price</source>
        <translation>Rabat na pozycję musi mieścić się między zerem a wartością pozycji</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a price cannot be negative</source>
        <translation>Cena nie może być ujemna</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a basket discount must be between zero and the basket&apos;s total</source>
        <translation>Rabat na paragon musi mieścić się między zerem a sumą paragonu</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../pos_client/ui/cart_model.py" line="+35"/>
        <source>Product</source>
        <translation>Towar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qty</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>Rabat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Wartość</translation>
    </message>
</context>
<context>
    <name>CashCount</name>
    <message>
        <location filename="../../pos_client/domain/cash.py" line="+45"/>
        <source>%1 grosze is not a Polish note or coin</source>
        <translation>%1 gr to nie jest polski banknot ani moneta</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the count of %1 is not a number</source>
        <translation>liczba sztuk %1 nie jest liczbą</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the count of %1 is negative</source>
        <translation>liczba sztuk %1 jest ujemna</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 pieces of %2 is not plausible</source>
        <translation>%1 sztuk nominału %2 to nierealna liczba</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>not a cash count: %1</source>
        <translation>to nie jest wynik liczenia gotówki: %1</translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+222"/>
        <source>Cash in / out</source>
        <translation>Wpłata / wypłata</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cash in (into the drawer)</source>
        <translation>Wpłata (do szuflady)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash out (from the drawer)</source>
        <translation>Wypłata (z szuflady)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Amount:</source>
        <translation>Kwota:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason:</source>
        <translation>Powód:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. change from the safe</source>
        <translation>np. bilon z sejfu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In the drawer now: %1</source>
        <translation>W szufladzie teraz: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <location filename="../../pos_client/services/checkout.py" line="+73"/>
        <source>%1 is not a product barcode</source>
        <translation>%1 to nie jest kod kreskowy towaru</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A product barcode has 8, 12, 13 or 14 digits, not %1</source>
        <translation>Kod kreskowy towaru ma 8, 12, 13 lub 14 cyfr, a nie %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The check digit of %1 is wrong: scan it again or type it</source>
        <translation>Cyfra kontrolna kodu %1 jest błędna: zeskanuj go ponownie lub wpisz</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a case code (GTIN-14), not a consumer item</source>
        <translation>%1 to kod opakowania zbiorczego (GTIN-14), a nie towaru</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The in-store code&apos;s price check digit is wrong: scan it again</source>
        <translation>Cyfra kontrolna ceny w kodzie sklepowym jest błędna: zeskanuj go ponownie</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Nothing was scanned.</source>
        <translation>Nic nie zostało zeskanowane.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown code %1: no product has this barcode or SKU.</source>
        <translation>Nieznany kod %1: żaden towar nie ma takiego kodu kreskowego ani kodu towaru.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unknown barcode %1: no product has it. Set the item aside.</source>
        <translation>Nieznany kod kreskowy %1: nie ma go żaden towar. Odłóż towar na bok.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is not sold by weight, but the label has a weight.</source>
        <translation>%1 nie jest sprzedawany na wagę, a etykieta zawiera wagę.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is sold by weight; its label must carry the weight.</source>
        <translation>%1 jest sprzedawany na wagę; jego etykieta musi zawierać wagę.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 has no valid price today. Call the manager.</source>
        <translation>%1 nie ma dziś ważnej ceny. Wezwij kierownika.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A weighed item&apos;s quantity is its weight: weigh it again instead.</source>
        <translation>Ilość towaru ważonego to jego waga: zważ go ponownie.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The sale is empty: scan something first.</source>
        <translation>Paragon jest pusty: najpierw coś zeskanuj.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a shift first: no shift is open on this till, so the sale cannot be saved. The sale is kept on screen.</source>
        <translation>Najpierw otwórz zmianę: na tej kasie nie ma otwartej zmiany, więc nie można zapisać sprzedaży. Paragon zostaje na ekranie.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Quantity refused: %1.</source>
        <translation>Odrzucona ilość: %1.</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+69"/>
        <source>Close shift (Z report)</source>
        <translation>Zamknij zmianę (raport dobowy Z)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count the cash in the drawer.</source>
        <translation>Policz gotówkę w szufladzie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Expected cash:</source>
        <translation>Oczekiwana gotówka:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted cash:</source>
        <translation>Policzona gotówka:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference:</source>
        <translation>Różnica:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (terminal):</source>
        <translation>Karta (terminal):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close shift and make the Z report</source>
        <translation>Zamknij zmianę i wykonaj raport dobowy Z</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 missing</source>
        <translation>brakuje %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 over</source>
        <translation>nadwyżka %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (%1)</source>
        <translation>brak (%1)</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <location filename="../../pos_client/config.py" line="+120"/>
        <source>one of %1</source>
        <translation>jedną z wartości: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a whole number from %1 to %2</source>
        <translation>liczbę całkowitą od %1 do %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>text</source>
        <translation>tekst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a whole number</source>
        <translation>liczbę całkowitą</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true or false</source>
        <translation>true lub false</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a folder path</source>
        <translation>ścieżkę folderu</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 is not a prefix like 21 or a range 20-29</source>
        <translation>%1 to nie jest prefiks, np. 21, ani zakres, np. 20-29</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the range %1 runs backwards</source>
        <translation>zakres %1 jest odwrócony</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 in %2 is not an in-store prefix (02, 04 or 20-29): other prefixes are manufacturers&apos; barcodes</source>
        <translation>%1 w %2 to nie jest prefiks kodu sklepowego (02, 04 lub 20-29): inne prefiksy należą do kodów producentów</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>expected an address like http://host:port or https://host</source>
        <translation>oczekiwano adresu w postaci http://host:port lub https://host</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (the port is 1-65535)</source>
        <translation>%1 (port to 1-65535)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>expected 1 to 16 letters or digits, like WAW01</source>
        <translation>oczekiwano od 1 do 16 liter lub cyfr, np. WAW01</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected two digits, like 01</source>
        <translation>oczekiwano dwóch cyfr, np. 01</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (receipts are shown on the screen)</source>
        <translation>none (paragony są pokazywane na ekranie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dummy (takes every receipt and prints nothing)</source>
        <translation>dummy (przyjmuje każdy paragon i nic nie drukuje)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tcp://HOST[:PORT] (a network printer, like tcp://192.168.1.50:9100)</source>
        <translation>tcp://HOST[:PORT] (drukarka sieciowa, np. tcp://192.168.1.50:9100)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>usb:VENDOR:PRODUCT (hex ids, like usb:04b8:0202)</source>
        <translation>usb:PRODUCENT:PRODUKT (identyfikatory szesnastkowe, np. usb:04b8:0202)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>serial:DEVICE[@BAUD] (like serial:/dev/ttyUSB0@19200 or serial:COM3)</source>
        <translation>serial:URZĄDZENIE[@PRĘDKOŚĆ] (np. serial:/dev/ttyUSB0@19200 lub serial:COM3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>file:PATH (a device or a file, like file:/dev/usb/lp0)</source>
        <translation>file:ŚCIEŻKA (urządzenie lub plik, np. file:/dev/usb/lp0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cups:QUEUE</source>
        <translation>cups:KOLEJKA</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>expected a serial speed of %1 after the device</source>
        <translation>oczekiwano po urządzeniu prędkości łącza: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected one of %1; %2; %3; %4; %5; %6; %7</source>
        <translation>oczekiwano jednej z postaci: %1; %2; %3; %4; %5; %6; %7</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expected a printer profile python-escpos knows, like default, TM-T88V, TM-T20II or POS-5890</source>
        <translation>oczekiwano profilu drukarki znanego python-escpos, np. default, TM-T88V, TM-T20II lub POS-5890</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expected up to 8 characters without spaces, like # (or nothing)</source>
        <translation>oczekiwano najwyżej 8 znaków bez spacji, np. # (albo nic)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a port like /dev/ttyACM0 or COM3</source>
        <translation>oczekiwano portu, np. /dev/ttyACM0 lub COM3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected a serial speed of %1</source>
        <translation>oczekiwano prędkości portu szeregowego: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Data folder</source>
        <translation>Folder danych</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder of the till&apos;s database, logs and images (overridden by POS_DATA_DIR).</source>
        <translation>Folder bazy danych kasy, dzienników i obrazków (zastępowany przez POS_DATA_DIR).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Store code</source>
        <translation>Kod sklepu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code of the store this till stands in, as the central service knows it.</source>
        <translation>Kod sklepu, w którym stoi ta kasa, taki jak w usłudze centralnej.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Till number</source>
        <translation>Numer kasy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of this till within the store (two digits); it is part of every receipt number.</source>
        <translation>Numer tej kasy w sklepie (dwie cyfry); jest częścią każdego numeru paragonu.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Central service address</source>
        <translation>Adres usługi centralnej</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of the central stock service: http(s)://host[:port], no path.</source>
        <translation>Adres centralnej usługi stanów magazynowych: http(s)://host[:port], bez ścieżki.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Scanner ends a code with</source>
        <translation>Skaner kończy kod klawiszem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key the barcode scanner sends after each code. Program the scanner for a US keyboard layout (fine with &apos;Polish (programmers)&apos;); a QWERTZ layout swaps Y and Z and moves &apos;-&apos; and &apos;/&apos;.</source>
        <translation>Klawisz, który skaner wysyła po każdym kodzie. Zaprogramuj skaner na amerykański układ klawiatury (działa z układem „polski (programisty)”); układ QWERTZ zamienia Y i Z oraz przestawia „-” i „/”.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing (the code ends when the keys stop)</source>
        <translation>Nic (kod kończy się, gdy znaki przestają napływać)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Shortest scanned code</source>
        <translation>Najkrótszy skanowany kod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewest characters a fast burst of keys needs to count as a scan; shorter bursts are taken as typing. EAN-8, the shortest product barcode, has 8.</source>
        <translation>Najmniejsza liczba znaków szybkiej serii klawiszy, by uznać ją za skan; krótsze serie są traktowane jak pisanie. EAN-8, najkrótszy kod towaru, ma 8.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scanner starts a code with</source>
        <translation>Skaner zaczyna kod od</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Characters the barcode scanner is programmed to send before each code (e.g. #), or nothing. With a prefix, keys typed by hand reach the fields at once; without one, each key waits a moment (unnoticeable) in case it starts a scan.</source>
        <translation>Znaki, które skaner ma zaprogramowane wysyłać przed każdym kodem (np. #), albo nic. Z prefiksem klawisze wpisywane ręcznie trafiają do pól od razu; bez niego każdy klawisz czeka chwilę (niezauważalną), czy nie zaczyna skanu.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Longest pause within a scan (ms)</source>
        <translation>Najdłuższa przerwa w skanie (ms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milliseconds allowed between two characters of one scan. Scanners send a character every 0-10 ms, people type one every 80-200 ms: keep it below 80.</source>
        <translation>Ile milisekund może minąć między dwoma znakami jednego skanu. Skanery wysyłają znak co 0-10 ms, ludzie piszą znak co 80-200 ms: wartość poniżej 80.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Serial scanner port</source>
        <translation>Port skanera szeregowego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port of a serial or USB-COM scanner, e.g. /dev/serial/by-id/... (stays the same when it is plugged in again), /dev/ttyACM0 or COM3; empty when there is none. A serial scanner keeps the GS1 separator that keyboard scanners drop.</source>
        <translation>Port skanera szeregowego lub USB-COM, np. /dev/serial/by-id/... (ten sam po ponownym podłączeniu), /dev/ttyACM0 lub COM3; puste, gdy go nie ma. Skaner szeregowy zachowuje separator GS1, który skanery klawiaturowe gubią.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Serial scanner speed</source>
        <translation>Prędkość skanera szeregowego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed of the serial scanner in baud, as programmed in the scanner (USB-COM scanners ignore it).</source>
        <translation>Prędkość skanera szeregowego w bodach, taka jak zaprogramowana w skanerze (skanery USB-COM ją pomijają).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reading codes from pictures</source>
        <translation>Odczyt kodów ze zdjęć</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library that reads codes from pictures: zxing-cpp reads more codes and DataMatrix; zbar is the other choice; both tries zxing-cpp, then zbar.</source>
        <translation>Biblioteka odczytująca kody ze zdjęć: zxing-cpp czyta więcej kodów i DataMatrix; zbar to druga możliwość; obie: najpierw zxing-cpp, potem zbar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>zxing-cpp</source>
        <translation>zxing-cpp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zbar</source>
        <translation>zbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zxing-cpp, then zbar</source>
        <translation>zxing-cpp, potem zbar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In-store code prefixes</source>
        <translation>Prefiksy kodów sklepowych</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In-store barcode prefixes for weighed items, e.g. &apos;20-29&apos; or &apos;21,22&apos; (02, 04 and 20-29 only: other prefixes are manufacturers&apos; barcodes).</source>
        <translation>Prefiksy sklepowych kodów kreskowych towarów ważonych, np. „20-29” lub „21,22” (tylko 02, 04 i 20-29: inne prefiksy należą do kodów producentów).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Item number digits</source>
        <translation>Cyfry numeru towaru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digits of the item number in an in-store barcode; the weight or price gets the rest of the 13 digits (after the 2-digit prefix and before the check digit).</source>
        <translation>Liczba cyfr numeru towaru w kodzie sklepowym; waga lub cena zajmuje resztę z 13 cyfr (po dwucyfrowym prefiksie, przed cyfrą kontrolną).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>In-store codes carry</source>
        <translation>Kody sklepowe zawierają</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the number at the end of an in-store barcode is: the weight in grams or the price in grosze, as the store&apos;s scales print it.</source>
        <translation>Co oznacza liczba na końcu kodu sklepowego: wagę w gramach lub cenę w groszach, tak jak drukują ją wagi w sklepie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Weight in grams</source>
        <translation>Wagę w gramach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price in grosze</source>
        <translation>Cenę w groszach</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Price check digit</source>
        <translation>Cyfra kontrolna ceny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In-store barcodes carry a check digit for the weight or price (GS1 price verifier); it needs 5 item number digits, leaving 4 for the weight or price.</source>
        <translation>Kody sklepowe zawierają cyfrę kontrolną wagi lub ceny (GS1 price verifier); wymaga to 5 cyfr numeru towaru, co zostawia 4 na wagę lub cenę.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Receipt printer</source>
        <translation>Drukarka paragonów</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the receipt printer is connected: tcp://192.168.1.50:9100 (network), usb:04b8:0202 (USB vendor and product id), serial:/dev/ttyUSB0@19200, file:/dev/usb/lp0 (a device), cups:QUEUE, dummy (prints nothing) or none (each receipt is shown on the screen).</source>
        <translation>Jak podłączona jest drukarka paragonów: tcp://192.168.1.50:9100 (sieć), usb:04b8:0202 (identyfikatory producenta i produktu USB), serial:/dev/ttyUSB0@19200, file:/dev/usb/lp0 (urządzenie), cups:KOLEJKA, dummy (nic nie drukuje) lub none (każdy paragon jest pokazywany na ekranie).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Printer model</source>
        <translation>Model drukarki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer&apos;s capability profile in python-escpos (TM-T88V, TM-T20II, POS-5890, ...): it knows the paper&apos;s width and the code page numbers. &apos;default&apos; suits most Epson-compatible printers.</source>
        <translation>Profil możliwości drukarki w python-escpos (TM-T88V, TM-T20II, POS-5890, ...): zna szerokość papieru i numery stron kodowych. &apos;default&apos; pasuje do większości drukarek zgodnych z Epsonem.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Paper width</source>
        <translation>Szerokość papieru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width of the receipt paper roll in millimetres.</source>
        <translation>Szerokość rolki papieru na paragony w milimetrach.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 mm</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Printer code page</source>
        <translation>Strona kodowa drukarki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code page for Polish letters on the printer; pick the one its self-test page lists.</source>
        <translation>Strona kodowa polskich liter w drukarce; wybierz tę z wydruku testowego drukarki.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CP852 (Latin 2)</source>
        <translation>CP852 (Latin 2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WPC1250 (Windows 1250)</source>
        <translation>WPC1250 (Windows 1250)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the till&apos;s screens, money and dates. Saved on the settings screen it applies at once; edited in this file, at the next start. Printed receipts and reports stay in Polish.</source>
        <translation>Język ekranów kasy, kwot i dat. Zapisany na ekranie ustawień działa od razu; zmieniony w tym pliku, po następnym uruchomieniu. Drukowane paragony i raporty pozostają po polsku.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Polski</source>
        <translation>Polski</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lock after idle seconds</source>
        <translation>Blokada po sekundach bezczynności</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds without a touch, key or scan after which the till locks and asks for a PIN.</source>
        <translation>Liczba sekund bez dotyku, klawisza i skanu, po której kasa się blokuje i prosi o PIN.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a price check digit needs weighed_item_digits = 5 (the weight or price then has 4 digits), not %1</source>
        <translation>cyfra kontrolna ceny wymaga weighed_item_digits = 5 (waga lub cena ma wtedy 4 cyfry), a nie %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>unknown setting %1; known: %2</source>
        <translation>nieznane ustawienie %1; znane: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected %1</source>
        <translation>oczekiwano: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2, got %3</source>
        <translation>%1: %2, a jest %3</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>expected %1 that UTF-8 can hold</source>
        <translation>oczekiwano: %1, zapisywalne w UTF-8</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>%1: not a valid TOML file: %2</source>
        <translation>%1: to nie jest poprawny plik TOML: %2</translation>
    </message>
</context>
<context>
    <name>DenominationGrid</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="-316"/>
        <source>Notes</source>
        <translation>Banknoty</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coins</source>
        <translation>Monety</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Tap a row, then type the count.</source>
        <translation>Dotknij wiersza, a potem wpisz liczbę sztuk.</translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <location filename="../../pos_client/ui/durations.py" line="+21"/>
        <source>less than a minute</source>
        <translation>mniej niż minuta</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation>%1 godz.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days</source>
        <translation>%1 dni</translation>
    </message>
</context>
<context>
    <name>EnrolmentDialog</name>
    <message>
        <location filename="../../pos_client/ui/enrolment_dialog.py" line="+64"/>
        <location line="+177"/>
        <source>Central service</source>
        <translation>Usługa centralna</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>Ask the central office for this till&apos;s token: it is made with “pos-central enrol-till --store %1 --till %2” and shown only once. A new token replaces the old one.</source>
        <translation>Poproś centralę o token tej kasy: tworzy się go poleceniem „pos-central enrol-till --store %1 --till %2” i pokazuje tylko raz. Nowy token zastępuje stary.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Central service address</source>
        <translation>Adres usługi centralnej</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The till&apos;s token</source>
        <translation>Token kasy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the token</source>
        <translation>Pokaż token</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Forget the enrolment</source>
        <translation>Zapomnij rejestrację</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check and enrol</source>
        <translation>Sprawdź i zarejestruj</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>This till is not enrolled: it sells on its own and keeps its sales.</source>
        <translation>Ta kasa nie jest zarejestrowana: sprzedaje samodzielnie i przechowuje swoją sprzedaż.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enrolled with %1, but the central service refused the token on %2: enter a new token.</source>
        <translation>Zarejestrowana w %1, ale usługa centralna odrzuciła token (%2): wpisz nowy token.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enrolled with %1 since %2.</source>
        <translation>Zarejestrowana w %1 od %2.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Enter the central service&apos;s address.</source>
        <translation>Wpisz adres usługi centralnej.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not an address like https://central.example.com:8765.</source>
        <translation>%1 to nie jest adres w postaci https://central.example.com:8765.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter the till&apos;s token exactly as it was issued (no spaces).</source>
        <translation>Wpisz token kasy dokładnie tak, jak go wydano (bez spacji).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking with the central service at %1…</source>
        <translation>Sprawdzam w usłudze centralnej pod adresem %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Forget the central service? The till stops syncing and sells on its own; unsent sales stay on the till until it is enrolled again.</source>
        <translation>Zapomnieć usługę centralną? Kasa przestanie się synchronizować i będzie sprzedawać samodzielnie; niewysłana sprzedaż zostaje na kasie do ponownej rejestracji.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Stopping the sync…</source>
        <translation>Zatrzymuję synchronizację…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enrolled with %1: the till syncs now.</source>
        <translation>Zarejestrowana w %1: kasa się teraz synchronizuje.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enrolment forgotten: the till sells on its own.</source>
        <translation>Rejestracja zapomniana: kasa sprzedaje samodzielnie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The central service at %1 refused this token: check it, or ask for a new one.</source>
        <translation>Usługa centralna pod adresem %1 odrzuciła ten token: sprawdź go albo poproś o nowy.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central service at %1 could not be reached: %2</source>
        <translation>Nie udało się połączyć z usługą centralną pod adresem %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The central service at %1 answered with an error: %2</source>
        <translation>Usługa centralna pod adresem %1 odpowiedziała błędem: %2</translation>
    </message>
</context>
<context>
    <name>FullSyncDialog</name>
    <message>
        <location filename="../../pos_client/ui/full_sync_dialog.py" line="+36"/>
        <location line="+100"/>
        <source>Catalogue sync</source>
        <translation>Synchronizacja katalogu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync the whole catalogue again from the central service? The till keeps selling with the catalogue it has until the new one is complete.</source>
        <translation>Zsynchronizować cały katalog ponownie z usługi centralnej? Kasa sprzedaje z obecnym katalogiem, dopóki nowy nie będzie kompletny.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 catalogue items so far</source>
        <translation>Dotąd pozycji katalogu: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 catalogue items</source>
        <translation>%1 z %2 pozycji katalogu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paused. Sales are still sent; resume to finish the catalogue (it is used only when complete).</source>
        <translation>Wstrzymano. Sprzedaż jest nadal wysyłana; wznów, aby dokończyć katalog (używany jest dopiero kompletny).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for the central service: the sync goes on when it answers.</source>
        <translation>Czekam na usługę centralną: synchronizacja będzie kontynuowana, gdy odpowie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sync is stopped: it goes on when the till syncs again.</source>
        <translation>Synchronizacja jest zatrzymana: będzie kontynuowana, gdy kasa znów się zsynchronizuje.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can close this window: the sync goes on in the background.</source>
        <translation>Możesz zamknąć to okno: synchronizacja trwa w tle.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Syncing the catalogue from the central service</source>
        <translation>Synchronizacja katalogu z usługi centralnej</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Resume</source>
        <translation>Wznów</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Wstrzymaj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (sync goes on)</source>
        <translation>Zamknij (synchronizacja trwa)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The catalogue is up to date.</source>
        <translation>Katalog jest aktualny.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No full catalogue sync is under way.</source>
        <translation>Pełna synchronizacja katalogu nie trwa.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not enrolled with a central service: there is nothing to sync.</source>
        <translation>Kasa nie jest zarejestrowana w usłudze centralnej: nie ma czego synchronizować.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync the whole catalogue again</source>
        <translation>Zsynchronizuj cały katalog ponownie</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../pos_client/ui/login_dialog.py" line="+72"/>
        <location line="+32"/>
        <source>Log in</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Log in with your login and PIN</source>
        <translation>Zaloguj się loginem i PIN-em</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_client/ui/main_window.py" line="+177"/>
        <source>Till %1</source>
        <translation>Kasa %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan or type a barcode or SKU, then Enter</source>
        <translation>Zeskanuj lub wpisz kod kreskowy albo kod towaru, potem Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity (F3)</source>
        <translation>Ilość (F3)</translation>
    </message>
    <message>
        <location line="-99"/>
        <location line="+100"/>
        <source>Void line</source>
        <translation>Storno pozycji</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Stock</source>
        <translation>Stany</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+100"/>
        <location line="+343"/>
        <source>Void sale</source>
        <translation>Anuluj paragon</translation>
    </message>
    <message>
        <location line="-342"/>
        <source>Search by name, SKU or EAN (F2)</source>
        <translation>Szukaj po nazwie, kodzie lub EAN (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last receipt (F9)</source>
        <translation>Ostatni paragon (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay (F12)</source>
        <translation>Zapłać (F12)</translation>
    </message>
    <message>
        <location line="+250"/>
        <source>Weight</source>
        <translation>Waga</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not a weight in kg.</source>
        <translation>%1 nie jest wagą w kg.</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+15"/>
        <location line="+28"/>
        <source>Select a line first.</source>
        <translation>Najpierw wybierz pozycję.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>A weighed item&apos;s quantity is its weight: void it and weigh again.</source>
        <translation>Ilość towaru ważonego to jego waga: wykonaj storno i zważ ponownie.</translation>
    </message>
    <message>
        <location line="-403"/>
        <location line="+407"/>
        <source>Quantity</source>
        <translation>Ilość</translation>
    </message>
    <message>
        <location line="-408"/>
        <source>Search</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One more / less</source>
        <translation>Jedna sztuka więcej / mniej</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Park</source>
        <translation>Zaparkuj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parked</source>
        <translation>Zaparkowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last receipt</source>
        <translation>Ostatni paragon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to scanning</source>
        <translation>Powrót do skanowania</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>%1 · till %2</source>
        <translation>%1 · kasa %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Back to the quick keys</source>
        <translation>Wróć do szybkich klawiszy</translation>
    </message>
    <message>
        <location line="+217"/>
        <source>Scan not used: finish the open window first.</source>
        <translation>Skan pominięty: najpierw zakończ otwarte okno.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Weight of %1 in kg (e.g. 0.450):</source>
        <translation>Waga: %1 w kg (np. 0,450):</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>How many of %1?</source>
        <translation>Ile sztuk: %1?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a number of pieces.</source>
        <translation>%1 nie jest liczbą sztuk.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Void %1 after the total was shown</source>
        <translation>Storno %1 po podsumie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Voided: %1</source>
        <translation>Storno: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Void the whole sale (%1)?</source>
        <translation>Anulować cały paragon (%1)?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sale voided.</source>
        <translation>Paragon anulowany.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sale is empty: scan something first.</source>
        <translation>Paragon jest pusty: najpierw coś zeskanuj.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Receipt %1 saved. Change: %2</source>
        <translation>Paragon %1 zapisany. Reszta: %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No receipt yet on this till.</source>
        <translation>Na tej kasie nie ma jeszcze paragonu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt %1</source>
        <translation>Paragon %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Total: %1</source>
        <translation>Suma: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items: %1</source>
        <translation>Pozycje: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Scanner on %1: ready</source>
        <translation>Skaner na %1: gotowy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scanner on %1 is unplugged: plug it in again</source>
        <translation>Skaner na %1 jest odłączony: podłącz go ponownie</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+36"/>
        <location line="+20"/>
        <source>Open shift</source>
        <translation>Otwórz zmianę</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Count the cash in the drawer (the float).</source>
        <translation>Policz gotówkę w szufladzie (pogotowie kasowe).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Float: %1</source>
        <translation>Pogotowie kasowe: %1</translation>
    </message>
</context>
<context>
    <name>ParkedSalesDialog</name>
    <message>
        <location filename="../../pos_client/ui/parked_dialog.py" line="+35"/>
        <source>Parked sales</source>
        <translation>Zaparkowane paragony</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Resume (Enter)</source>
        <translation>Przywróć (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n pozycja</numerusform>
            <numerusform>%n pozycje</numerusform>
            <numerusform>%n pozycji</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No sales are parked.</source>
        <translation>Brak zaparkowanych paragonów.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a parked sale first.</source>
        <translation>Najpierw wybierz zaparkowany paragon.</translation>
    </message>
</context>
<context>
    <name>Parking</name>
    <message>
        <location filename="../../pos_client/services/parking.py" line="+61"/>
        <source>There is nothing to park: the sale is empty.</source>
        <translation>Nie ma czego zaparkować: paragon jest pusty.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Park or finish the current sale first.</source>
        <translation>Najpierw zaparkuj lub zakończ bieżący paragon.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>That parked sale is no longer there: it was resumed already.</source>
        <translation>Tego zaparkowanego paragonu już nie ma: został już przywrócony.</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <location filename="../../pos_client/domain/payment.py" line="+57"/>
        <source>the total to pay cannot be negative</source>
        <translation>Kwota do zapłaty nie może być ujemna</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>each tender must be more than zero</source>
        <translation>Każda płatność musi być większa od zera</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cash tendered over %1 is not plausible</source>
        <translation>Gotówka powyżej %1 to nierealna kwota</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the sale is already paid in full</source>
        <translation>Paragon jest już w całości zapłacony</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a card payment cannot exceed what is due (%1)</source>
        <translation>Płatność kartą nie może przekroczyć kwoty do zapłaty (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cash with change must be the last tender</source>
        <translation>Gotówka z resztą musi być ostatnią płatnością</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>still to pay: %1</source>
        <translation>Pozostało do zapłaty: %1</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_client/ui/payment_dialog.py" line="+51"/>
        <source>Payment</source>
        <translation>Płatność</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>To pay: %1</source>
        <translation>Do zapłaty: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Amount (empty = what is still due):</source>
        <translation>Kwota (puste = pozostało do zapłaty):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cash (F5)</source>
        <translation>Gotówka (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (F6)</source>
        <translation>Karta (F6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry saving</source>
        <translation>Ponów zapis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel (Esc)</source>
        <translation>Anuluj (Esc)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Next customer (Enter)</source>
        <translation>Następny klient (Enter)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Still due: %1</source>
        <translation>Pozostało do zapłaty: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter an amount above zero.</source>
        <translation>Wpisz kwotę większą od zera.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A card payment cannot be more than what is still due.</source>
        <translation>Płatność kartą nie może przekraczać kwoty pozostałej do zapłaty.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Change: %1</source>
        <translation>Reszta: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt %1 saved</source>
        <translation>Paragon %1 zapisany</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <location filename="../../pos_client/domain/people.py" line="+37"/>
        <source>A login is 1 to %1 characters without spaces.</source>
        <translation>Login ma od 1 do %1 znaków, bez spacji.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A name is 1 to %1 characters.</source>
        <translation>Imię i nazwisko ma od 1 do %1 znaków.</translation>
    </message>
</context>
<context>
    <name>Pin</name>
    <message>
        <location filename="../../pos_client/domain/pin.py" line="+68"/>
        <source>A PIN is %1 to %2 digits (0-9).</source>
        <translation>PIN ma od %1 do %2 cyfr (0-9).</translation>
    </message>
</context>
<context>
    <name>PrintControl</name>
    <message>
        <location filename="../../pos_client/ui/print_control.py" line="+26"/>
        <source>The printer is not reachable: is it switched on and connected?</source>
        <translation>Brak połączenia z drukarką: czy jest włączona i podłączona?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer is out of paper: put in a new roll.</source>
        <translation>W drukarce skończył się papier: włóż nową rolkę.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer is busy with another program or job.</source>
        <translation>Drukarka jest zajęta innym programem lub wydrukiem.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer did not take the printout in time.</source>
        <translation>Drukarka nie przyjęła wydruku na czas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer is not set up right: check its settings.</source>
        <translation>Drukarka jest źle ustawiona: sprawdź jej ustawienia.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No printer is set up.</source>
        <translation>Nie ustawiono drukarki.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing failed.</source>
        <translation>Drukowanie nie powiodło się.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Show on screen</source>
        <translation>Pokaż na ekranie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy of receipt %1</source>
        <translation>Kopia paragonu %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+12"/>
        <source>Receipt %1</source>
        <translation>Paragon %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Printed: %1</source>
        <translation>Wydrukowano: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 was saved but never printed.</source>
        <translation>%1: zapisany, ale niewydrukowany.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was not printed: %2 The sale is saved.</source>
        <translation>%1: nie wydrukowano. %2 Sprzedaż jest zapisana.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry</source>
        <translation>Ponów</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(%1 printouts wait)</source>
        <translation>(wydruki czekające: %1)</translation>
    </message>
</context>
<context>
    <name>Quantity</name>
    <message>
        <location filename="../../pos_client/domain/quantity.py" line="+34"/>
        <source>quantity must be more than zero</source>
        <translation>ilość musi być większa od zera</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>quantity %1 is more than the limit %2</source>
        <translation>ilość %1 przekracza limit %2</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../pos_client/ui/quarantine_dialog.py" line="+53"/>
        <source>Quarantined rows</source>
        <translation>Wpisy w kwarantannie</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The central service refused these rows. The others are sent as usual; these stay on the till and are never deleted. Fix the cause centrally, then send the chosen rows again.</source>
        <translation>Usługa centralna odrzuciła te wpisy. Pozostałe są wysyłane jak zwykle; te zostają na kasie i nigdy nie są usuwane. Usuń przyczynę w centrali, potem wyślij wybrane wpisy ponownie.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written</source>
        <translation>Zapisano</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+98"/>
        <source>Refused</source>
        <translation>Odrzucono</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Answer</source>
        <translation>Odpowiedź</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose all</source>
        <translation>Wybierz wszystkie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again</source>
        <translation>Odczytaj ponownie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Nothing is quarantined: every row was accepted or is still queued.</source>
        <translation>Nic nie jest w kwarantannie: każdy wpis został przyjęty albo czeka w kolejce.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sale</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift opened</source>
        <translation>Otwarcie zmiany</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift closed</source>
        <translation>Zamknięcie zmiany</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash in or out</source>
        <translation>Wpłata lub wypłata</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Conflict: the same row with other content</source>
        <translation>Konflikt: ten sam wpis z inną treścią</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Send again (%n)</source>
        <translation>
            <numerusform>Wyślij ponownie (%n)</numerusform>
            <numerusform>Wyślij ponownie (%n)</numerusform>
            <numerusform>Wyślij ponownie (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Row %1 (%2), event %3: %4</source>
        <translation>Wpis %1 (%2), zdarzenie %3: %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tap the rows to send again, or Choose all.</source>
        <translation>Dotknij wpisów do ponownego wysłania albo Wybierz wszystkie.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Send %n quarantined row(s) to the central service again</source>
        <translation>
            <numerusform>Ponowne wysłanie %n wpisu z kwarantanny do usługi centralnej</numerusform>
            <numerusform>Ponowne wysłanie %n wpisów z kwarantanny do usługi centralnej</numerusform>
            <numerusform>Ponowne wysłanie %n wpisów z kwarantanny do usługi centralnej</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not approved: nothing was sent again.</source>
        <translation>Nie zatwierdzono: nic nie zostało wysłane ponownie.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n row(s) back in the queue: they are sent again now.</source>
        <translation>
            <numerusform>%n wpis wrócił do kolejki: jest wysyłany ponownie.</numerusform>
            <numerusform>%n wpisy wróciły do kolejki: są wysyłane ponownie.</numerusform>
            <numerusform>%n wpisów wróciło do kolejki: są wysyłane ponownie.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../pos_client/ui/receipt_dialog.py" line="+37"/>
        <source>Print a copy</source>
        <translation>Drukuj kopię</translation>
    </message>
</context>
<context>
    <name>ReceiptHistory</name>
    <message>
        <location filename="../../pos_client/services/receipt_history.py" line="+43"/>
        <source>Return %1 was not found on this till.</source>
        <translation>Nie znaleziono zwrotu %1 na tej kasie.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+103"/>
        <source>Z report no. %1</source>
        <translation>Raport dobowy Z nr %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../pos_client/ui/reprint_dialog.py" line="+39"/>
        <source>Receipts from history</source>
        <translation>Paragony z historii</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scan the receipt&apos;s barcode or type its number</source>
        <translation>Zeskanuj kod z paragonu lub wpisz jego numer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Latest sales on this till</source>
        <translation>Ostatnie sprzedaże na tej kasie</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Print a copy</source>
        <translation>Drukuj kopię</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Copy of receipt %1</source>
        <translation>Kopia paragonu %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy of return %1</source>
        <translation>Kopia zwrotu %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 sent to the printer.</source>
        <translation>%1: wysłano do drukarki.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../pos_client/ui/return_dialog.py" line="+52"/>
        <source>Return</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scan or type the receipt number, then Enter</source>
        <translation>Zeskanuj lub wpisz numer paragonu, potem Enter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find</source>
        <translation>Znajdź</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Product</source>
        <translation>Towar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>Zapłacono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold</source>
        <translation>Sprzedano</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned before</source>
        <translation>Zwrócono wcześniej</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To return</source>
        <translation>Do zwrotu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Return everything</source>
        <translation>Zwróć wszystko</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason for the return (required)</source>
        <translation>Powód zwrotu (wymagany)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Confirm return</source>
        <translation>Zatwierdź zwrot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reason:</source>
        <translation>Powód:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Receipt %1 of %2, total %3</source>
        <translation>Paragon %1 z %2, suma %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Everything on this receipt was returned already.</source>
        <translation>Wszystko z tego paragonu zostało już zwrócone.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source> g</source>
        <translation> g</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> pcs</source>
        <translation> szt.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+20"/>
        <source>Refund: %1</source>
        <translation>Do zwrotu: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to the card</source>
        <translation>na kartę</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in cash</source>
        <translation>gotówką</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give back %1</source>
        <translation>Wydaj %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Return %1 saved.</source>
        <translation>Zwrot %1 zapisany.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Done (Esc)</source>
        <translation>Gotowe (Esc)</translation>
    </message>
</context>
<context>
    <name>ReturnErrors</name>
    <message>
        <location filename="../../pos_client/store/returns.py" line="+166"/>
        <source>%1 is not on the receipt being returned.</source>
        <translation>%1 nie ma na zwracanym paragonie.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 was returned meanwhile (another return of this receipt was saved). Look the receipt up again.</source>
        <translation>%1 zwrócono w międzyczasie (zapisano inny zwrot tego paragonu). Wyszukaj paragon ponownie.</translation>
    </message>
</context>
<context>
    <name>ReturnRules</name>
    <message>
        <location filename="../../pos_client/domain/returns.py" line="+123"/>
        <source>That item is not on this receipt.</source>
        <translation>Tej pozycji nie ma na tym paragonie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A quantity to return cannot be negative.</source>
        <translation>Ilość do zwrotu nie może być ujemna.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose at least one item to return.</source>
        <translation>Wybierz co najmniej jedną pozycję do zwrotu.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All of %1 came back already (%2 sold). Never more back than was sold.</source>
        <translation>Cały towar %1 został już zwrócony (sprzedano %2). Nigdy nie zwracamy więcej, niż sprzedano.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only %1 of %2 can still come back: %3 sold, %4 returned before. Never more back than was sold.</source>
        <translation>Można jeszcze zwrócić tylko %1 towaru %2: sprzedano %3, zwrócono wcześniej %4. Nigdy nie zwracamy więcej, niż sprzedano.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../../pos_client/services/returns.py" line="+46"/>
        <source>Receipt %1 is from store %2. Only receipts of this store (%3) can be returned here.</source>
        <translation>Paragon %1 pochodzi ze sklepu %2. Tutaj można zwracać tylko paragony tego sklepu (%3).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Type or scan the receipt number.</source>
        <translation>Wpisz lub zeskanuj numer paragonu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not a receipt number. A receipt number looks like %2.</source>
        <translation>%1 to nie jest numer paragonu. Numer paragonu wygląda tak: %2.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Receipt %1 was not found on this till. Only this store&apos;s receipts that reached this till are available offline: check the number, or make a return without a receipt (a manager must approve it).</source>
        <translation>Nie znaleziono paragonu %1 na tej kasie. Bez połączenia dostępne są tylko paragony tego sklepu, które dotarły do tej kasy: sprawdź numer albo przyjmij zwrot bez paragonu (musi go zatwierdzić kierownik).</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>A return without a receipt needs a manager&apos;s approval: a manager must approve it.</source>
        <translation>Zwrot bez paragonu wymaga zatwierdzenia: musi go zatwierdzić kierownik.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Choose at least one item to return.</source>
        <translation>Wybierz co najmniej jedną pozycję do zwrotu.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Give the reason for the return.</source>
        <translation>Podaj powód zwrotu.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is sold by weight: enter its quantity that way.</source>
        <translation>%1 jest sprzedawany na wagę: wpisz ilość jako wagę.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is sold by the piece: enter its quantity that way.</source>
        <translation>%1 jest sprzedawany na sztuki: wpisz ilość w sztukach.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the amount to give back for %1.</source>
        <translation>Wpisz kwotę do zwrotu za %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The refund for %1 cannot be more than its price today (%2 for %3).</source>
        <translation>Zwrot za %1 nie może przekroczyć dzisiejszej ceny (%2 za %3).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_client/ui/settings_dialog.py" line="+58"/>
        <source>Till settings</source>
        <translation>Ustawienia kasy</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Settings marked * take effect after the till is restarted.</source>
        <translation>Ustawienia oznaczone * zadziałają po ponownym uruchomieniu kasy.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved in %1</source>
        <translation>Zapisano w %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Till</source>
        <translation>Kasa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>Sieć</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner and weighed items</source>
        <translation>Skaner i towary ważone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer</source>
        <translation>Drukarka</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language and locking</source>
        <translation>Język i blokada</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>On</source>
        <translation>Włączone</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Could not save the settings to %1: %2</source>
        <translation>Nie udało się zapisać ustawień do %1: %2</translation>
    </message>
</context>
<context>
    <name>ShiftErrors</name>
    <message>
        <location filename="../../pos_client/store/shifts.py" line="+154"/>
        <location line="+142"/>
        <source>There is no shift %1.</source>
        <translation>Nie ma zmiany %1.</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Shift %1 is already closed.</source>
        <translation>Zmiana %1 jest już zamknięta.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Shift %1 is already open on till %2: close it first.</source>
        <translation>Zmiana %1 jest już otwarta na kasie %2: najpierw ją zamknij.</translation>
    </message>
</context>
<context>
    <name>Shifts</name>
    <message>
        <location filename="../../pos_client/services/shifts.py" line="+70"/>
        <source>No shift is open on this till: open a shift first.</source>
        <translation>Na tej kasie nie ma otwartej zmiany: najpierw otwórz zmianę.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Enter an amount above zero.</source>
        <translation>Wpisz kwotę większą od zera.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 in one cash movement is not plausible.</source>
        <translation>%1 w jednej wpłacie lub wypłacie to nierealna kwota.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a reason for the cash movement.</source>
        <translation>Podaj powód wpłaty lub wypłaty.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The drawer should hold only %1: %2 cannot be taken out.</source>
        <translation>W szufladzie powinno być tylko %1: nie można wypłacić %2.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>There is no Z report number %1 on this till.</source>
        <translation>Na tej kasie nie ma raportu dobowego Z nr %1.</translation>
    </message>
</context>
<context>
    <name>StockLookupDialog</name>
    <message>
        <location filename="../../pos_client/ui/stock_lookup_dialog.py" line="+85"/>
        <source>Stock in the stores</source>
        <translation>Stany w sklepach</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scan a barcode, or type a code or a name, then Enter</source>
        <translation>Zeskanuj kod kreskowy albo wpisz kod lub nazwę, potem Enter</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Store</source>
        <translation>Sklep</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>Dostępne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On hand</source>
        <translation>Na stanie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserved</source>
        <translation>Zarezerwowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening hours</source>
        <translation>Godziny otwarcia</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Ask again</source>
        <translation>Zapytaj ponownie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close (Esc)</source>
        <translation>Zamknij (Esc)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scan or find a product to see its stock.</source>
        <translation>Zeskanuj lub znajdź towar, aby zobaczyć jego stany.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No product matches %1.</source>
        <translation>Żaden towar nie pasuje do: %1.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Asking the central service about %1…</source>
        <translation>Pytam usługę centralną o %1…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The central service does not know %1 (%2).</source>
        <translation>Usługa centralna nie zna towaru %1 (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No stock figures for %1 (%2): the central service cannot be asked now and this till has not asked about this product before.</source>
        <translation>Brak stanów dla %1 (%2): nie można teraz zapytać usługi centralnej, a ta kasa nie pytała wcześniej o ten towar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stock of %1 (%2) could not be shown.</source>
        <translation>Nie udało się pokazać stanów %1 (%2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 · this store</source>
        <translation>%1 · ten sklep</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Live: as the central service knew it at %1.</source>
        <translation>Na bieżąco: według usługi centralnej o %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>NOT LIVE: the central service cannot be asked now. This is its last answer, from %1 (%2 ago).</source>
        <translation>NIEAKTUALNE: nie można teraz zapytać usługi centralnej. To jej ostatnia odpowiedź, z %1 (%2 temu).</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <location filename="../../pos_client/store/errors.py" line="+35"/>
        <source>The till&apos;s database is busy (another program holds it). Try again in a moment; the sale is kept on screen.</source>
        <translation>Baza danych kasy jest zajęta (używa jej inny program). Spróbuj ponownie za chwilę; paragon zostaje na ekranie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The till&apos;s disk is full, so the sale could not be saved. It is kept on screen: call the manager to free space, then try again.</source>
        <translation>Dysk kasy jest pełny, więc nie udało się zapisać sprzedaży. Paragon zostaje na ekranie: wezwij kierownika, by zwolnił miejsce, a potem spróbuj ponownie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The till&apos;s database is read-only, so the sale could not be saved. It is kept on screen: call the manager.</source>
        <translation>Baza danych kasy jest tylko do odczytu, więc nie udało się zapisać sprzedaży. Paragon zostaje na ekranie: wezwij kierownika.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The till&apos;s database failed: %1. The sale is kept on screen.</source>
        <translation>Błąd bazy danych kasy: %1. Paragon zostaje na ekranie.</translation>
    </message>
    <message>
        <location filename="../../pos_client/store/parked.py" line="+118"/>
        <source>The parked sale cannot be read back (%1). It is kept: call the manager.</source>
        <translation>Nie można odczytać zaparkowanej sprzedaży (%1). Zostaje zachowana: wezwij kierownika.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The parked sale “%1” cannot be read back. It is kept: call the manager.</source>
        <translation>Nie można odczytać zaparkowanej sprzedaży „%1”. Zostaje zachowana: wezwij kierownika.</translation>
    </message>
    <message>
        <location filename="../../pos_client/store/sales.py" line="+50"/>
        <source>The shift was closed before this sale was saved. Open a shift and pay again; the sale is kept on screen.</source>
        <translation>Zmianę zamknięto, zanim zapisano tę sprzedaż. Otwórz zmianę i zapłać ponownie; sprzedaż zostaje na ekranie.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../pos_client/ui/sync_status_bar.py" line="+154"/>
        <source>Not connected</source>
        <translation>Brak połączenia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync stopped</source>
        <translation>Synchronizacja zatrzymana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>Łączenie…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing…</source>
        <translation>Synchronizacja…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Bez połączenia</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This till is not enrolled with a central service: it sells on its own and keeps every sale until it is enrolled.</source>
        <translation>Ta kasa nie jest zarejestrowana w usłudze centralnej: sprzedaje samodzielnie i przechowuje każdą sprzedaż do czasu rejestracji.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Central service: %1</source>
        <translation>Usługa centralna: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last problem: %1</source>
        <translation>Ostatni problem: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next attempt in %1</source>
        <translation>Następna próba za %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The till&apos;s clock is %1 behind the central service&apos;s: correct the clock.</source>
        <translation>Zegar kasy spóźnia się o %1 względem usługi centralnej: popraw zegar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The till&apos;s clock is %1 ahead of the central service&apos;s: correct the clock.</source>
        <translation>Zegar kasy śpieszy się o %1 względem usługi centralnej: popraw zegar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The central service refused this till&apos;s token: a manager must enrol the till again. Sales are kept and sent after that.</source>
        <translation>Usługa centralna odrzuciła token tej kasy: kierownik musi ponownie zarejestrować kasę. Sprzedaż jest przechowywana i zostanie wysłana potem.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The central service refused this till&apos;s data (403): a manager must enrol the till again with a token for this store.</source>
        <translation>Usługa centralna odrzuciła dane tej kasy (403): kierownik musi ponownie zarejestrować kasę tokenem dla tego sklepu.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unsent sales: %1</source>
        <translation>Niewysłana sprzedaż: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 rows waiting (sales, returns, shift events), the oldest from %2</source>
        <translation>Oczekujące wpisy (sprzedaż, zwroty, zdarzenia zmian): %1, najstarszy z %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last sync: never</source>
        <translation>Ostatnia synchronizacja: nigdy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync: %1</source>
        <translation>Ostatnia synchronizacja: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Quarantined: %1</source>
        <translation>W kwarantannie: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Catalogue sync paused</source>
        <translation>Synchronizacja katalogu wstrzymana</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Catalogue sync %1%</source>
        <translation>Synchronizacja katalogu %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Catalogue sync…</source>
        <translation>Synchronizacja katalogu…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrol again</source>
        <translation>Zarejestruj ponownie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync now</source>
        <translation>Synchronizuj teraz</translation>
    </message>
</context>
<context>
    <name>TillOperations</name>
    <message>
        <location filename="../../pos_client/ui/till_operations.py" line="+65"/>
        <source>Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation>Zdjęcia (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Open shift</source>
        <translation>Otwórz zmianę</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cash in</source>
        <translation>Wpłata</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cash out</source>
        <translation>Wypłata</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close shift (Z report)</source>
        <translation>Zamknij zmianę (raport dobowy Z)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Z reports</source>
        <translation>Raporty dobowe Z</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipts from history (print again)</source>
        <translation>Paragony z historii (ponowny wydruk)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Park sale (F7)</source>
        <translation>Zaparkuj (F7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parked sales (F8)</source>
        <translation>Zaparkowane (F8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return (F10)</source>
        <translation>Zwrot (F10)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return without a receipt</source>
        <translation>Zwrot bez paragonu</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+317"/>
        <source>Read a code from a picture</source>
        <translation>Odczytaj kod ze zdjęcia</translation>
    </message>
    <message>
        <location line="-312"/>
        <source>Stock in other stores (F4)</source>
        <translation>Stany w innych sklepach (F4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Void the last paid sale</source>
        <translation>Anuluj ostatni opłacony paragon</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change the line&apos;s price</source>
        <translation>Zmień cenę pozycji</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discount on the line</source>
        <translation>Rabat na pozycję</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discount on the sale</source>
        <translation>Rabat na paragon</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+387"/>
        <source>Open the drawer</source>
        <translation>Otwórz szufladę</translation>
    </message>
    <message>
        <location line="-382"/>
        <source>Sync: quarantined rows</source>
        <translation>Synchronizacja: wpisy w kwarantannie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync: catalogue</source>
        <translation>Synchronizacja: katalog</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync: central service and enrolment</source>
        <translation>Synchronizacja: usługa centralna i rejestracja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit log</source>
        <translation>Dziennik zdarzeń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users</source>
        <translation>Użytkownicy</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+513"/>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <location line="-510"/>
        <source>Lock / change cashier</source>
        <translation>Zablokuj / zmień kasjera</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Logged in: %1</source>
        <translation>Zalogowano: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A shift is already open on this till.</source>
        <translation>Na tej kasie zmiana jest już otwarta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shift open. Happy selling!</source>
        <translation>Zmiana otwarta. Udanej sprzedaży!</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cash movement saved.</source>
        <translation>Wpłata/wypłata zapisana.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 sent to the printer.</source>
        <translation>%1: wysłano do drukarki.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Finish or park the current sale before closing the shift.</source>
        <translation>Przed zamknięciem zmiany zakończ lub zaparkuj bieżący paragon.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the shift</source>
        <translation>Zamknięcie zmiany</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No shift is open: open one first (menu, Open shift).</source>
        <translation>Zmiana nie jest otwarta: najpierw ją otwórz (menu, Otwórz zmianę).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sale parked. Resume it with F8.</source>
        <translation>Paragon zaparkowany. Przywróć go klawiszem F8.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parked sale resumed.</source>
        <translation>Przywrócono zaparkowany paragon.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+20"/>
        <source>Return %1 saved.</source>
        <translation>Zwrot %1 zapisany.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>There is no paid sale left to void on this till.</source>
        <translation>Na tej kasie nie ma opłaconego paragonu do anulowania.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Void sale %1 (%2)</source>
        <translation>Anulowanie paragonu %1 (%2)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Sale %1 voided: refund %2 (return %3).</source>
        <translation>Paragon %1 anulowany: zwrot %2 (dokument zwrotu %3).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Return %1</source>
        <translation>Zwrot %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Still reading the last picture.</source>
        <translation>Trwa jeszcze odczyt poprzedniego zdjęcia.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading %1 ...</source>
        <translation>Odczyt %1 ...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The picture could not be read: %1</source>
        <translation>Nie można odczytać zdjęcia: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No barcode or QR code was found in %1. Try a sharper picture, taken straight on, with the whole code in it.</source>
        <translation>Nie znaleziono kodu kreskowego ani QR w %1. Spróbuj ostrzejszego zdjęcia, zrobionego na wprost, z całym kodem.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 codes in the picture: the first one is used.</source>
        <translation>Kody na zdjęciu: %1; użyto pierwszego.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not an amount of money.</source>
        <translation>%1 nie jest kwotą pieniędzy.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+23"/>
        <source>Select a line first.</source>
        <translation>Najpierw wybierz pozycję.</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+63"/>
        <source>Discount</source>
        <translation>Rabat</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Discount on %1 in zł:</source>
        <translation>Rabat na %1 w zł:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discount of %1 on %2</source>
        <translation>Rabat %1 na %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New unit price of %1 in zł:</source>
        <translation>Nowa cena jednostkowa %1 w zł:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price of %1: %2 instead of %3</source>
        <translation>Cena %1: %2 zamiast %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Approved and recorded, but no printer is set up: the drawer opens through the printer. Open it with its key.</source>
        <translation>Zatwierdzono i zapisano, ale nie ustawiono drukarki: szuflada otwiera się przez drukarkę. Otwórz ją kluczykiem.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opening the drawer</source>
        <translation>Otwarcie szuflady</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved and recorded: the drawer opens.</source>
        <translation>Zatwierdzono i zapisano: szuflada się otwiera.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sale is empty: scan something first.</source>
        <translation>Paragon jest pusty: najpierw coś zeskanuj.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount on the whole sale in zł:</source>
        <translation>Rabat na cały paragon w zł:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discount of %1 on the sale</source>
        <translation>Rabat %1 na paragon</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Look at the quarantined sync rows</source>
        <translation>Przegląd wpisów synchronizacji w kwarantannie</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pause, resume or restart the catalogue sync</source>
        <translation>Wstrzymanie, wznowienie lub ponowienie synchronizacji katalogu</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enrol the till with the central service</source>
        <translation>Rejestracja kasy w usłudze centralnej</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Enrolled: the till syncs with the central service.</source>
        <translation>Zarejestrowano: kasa synchronizuje się z usługą centralną.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>View the audit log</source>
        <translation>Podgląd dziennika zdarzeń</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Manage the users</source>
        <translation>Zarządzanie użytkownikami</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This till has no settings file to write.</source>
        <translation>Ta kasa nie ma pliku ustawień do zapisu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the settings</source>
        <translation>Zmiana ustawień</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Settings saved. The language and the idle lock apply now; those marked * after the till is restarted.</source>
        <translation>Ustawienia zapisane. Język i blokada po bezczynności działają od razu; ustawienia oznaczone * po ponownym uruchomieniu kasy.</translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message>
        <location filename="../../pos_client/services/user_admin.py" line="+79"/>
        <source>You cannot deactivate yourself: another manager must do it.</source>
        <translation>Nie możesz dezaktywować samego siebie: musi to zrobić inny kierownik.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Only a manager manages users.</source>
        <translation>Użytkownikami zarządza tylko kierownik.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>Wpisane PIN-y się różnią: wpisz dwa razy ten sam PIN.</translation>
    </message>
</context>
<context>
    <name>UserFormDialog</name>
    <message>
        <location filename="../../pos_client/ui/users_dialog.py" line="+238"/>
        <source>Add user</source>
        <translation>Dodaj użytkownika</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New PIN for %1</source>
        <translation>Nowy PIN: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cashier</source>
        <translation>Kasjer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PIN (4 to 8 digits)</source>
        <translation>PIN (od 4 do 8 cyfr)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN again</source>
        <translation>PIN ponownie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <location filename="../../pos_client/store/users.py" line="+130"/>
        <source>The login %1 is taken: choose another.</source>
        <translation>Login %1 jest zajęty: wybierz inny.</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>%1 is the last active manager: make another manager first, the till always needs one.</source>
        <translation>%1 to ostatni aktywny kierownik: najpierw dodaj innego kierownika, kasa zawsze go potrzebuje.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No user has the id %1.</source>
        <translation>Żaden użytkownik nie ma identyfikatora %1.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../pos_client/ui/users_dialog.py" line="-216"/>
        <source>Users</source>
        <translation>Użytkownicy</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Add user</source>
        <translation>Dodaj użytkownika</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a new PIN</source>
        <translation>Ustaw nowy PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>Deactivate</source>
        <translation>Dezaktywuj</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Reactivate</source>
        <translation>Przywróć</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cashier</source>
        <translation>Kasjer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deactivated</source>
        <translation>Nieaktywny</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked until %1</source>
        <translation>Zablokowany do %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Aktywny</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>User %1 added.</source>
        <translation>Dodano użytkownika %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New PIN set for %1.</source>
        <translation>Ustawiono nowy PIN: %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Deactivate %1? They can no longer log in or approve; their sales and entries in the audit log stay.</source>
        <translation>Dezaktywować: %1? Ta osoba nie będzie mogła się logować ani zatwierdzać; jej sprzedaż i wpisy w dzienniku zdarzeń pozostaną.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 is deactivated.</source>
        <translation>Dezaktywowano: %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is active again.</source>
        <translation>Znów aktywny: %1.</translation>
    </message>
</context>
<context>
    <name>ZReportsDialog</name>
    <message>
        <location filename="../../pos_client/ui/shift_dialogs.py" line="+111"/>
        <source>Z reports</source>
        <translation>Raporty dobowe Z</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Z %1 · %2 · %3</source>
        <translation>Z %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No Z reports yet.</source>
        <translation>Nie ma jeszcze raportów dobowych Z.</translation>
    </message>
</context>
</TS>
